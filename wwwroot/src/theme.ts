import { createTheme } from '@mui/material/styles'

export const theme = createTheme({
  palette: { primary: { main: '#3949ab' }, secondary: { main: '#00897b' }, background: { default: '#f5f6fa' } },
  shape: { borderRadius: 8 },
  components: {
    // Long unbroken words (emails, ids, file names) wrap instead of widening the page on a phone.
    MuiCssBaseline: { styleOverrides: { 'h1, h2, h3, h4, h5, h6, td, dd, li': { overflowWrap: 'anywhere' } } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { fullWidth: true, margin: 'normal' } },
  },
})
