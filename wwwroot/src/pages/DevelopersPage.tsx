import type { ReactNode } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { ApiKeysSection } from './developers/ApiKeysSection'
import { WebhooksSection } from './developers/WebhooksSection'

function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 5 }}>
      <Typography id={id} variant="h5" component="h2" gutterBottom>{title}</Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>{intro}</Typography>
      {children}
    </Box>
  )
}

/** For integrators: API keys, webhook endpoints and the way to the API explorer. */
export function DevelopersPage() {
  return (
    <Box>
      <Typography variant="h4" component="h1" gutterBottom>Developers</Typography>
      <Typography sx={{ mb: 2 }}>
        Call the API with an API key, sent in the <code>X-Api-Key</code> header or as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </Typography>
      <Button component="a" href="/api/" variant="outlined" sx={{ mb: 4 }}>
        Open the API explorer
      </Button>

      <Section id="api-keys" title="API keys" intro="Keys act for your account: keep them secret, and revoke one as soon as it may have leaked.">
        <ApiKeysSection />
      </Section>

      <Section
        id="webhooks"
        title="Webhook endpoints"
        intro="We POST signed events to your endpoints when jobs finish, credits run low or a purchase is paid. Failed deliveries are retried for about a day."
      >
        <WebhooksSection />
      </Section>
    </Box>
  )
}
