using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vtis.UnitTests;

/// <summary>
/// docker-compose.yml, deploy/Caddyfile and deploy/prometheus.yml must agree with each other and with what the app
/// needs to run as a fleet (no docker daemon here to bring the stack up: these checks keep the files honest).
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    private static YamlMappingNode Services => (YamlMappingNode)Compose["services"];

    private static YamlMappingNode Compose { get; } = Load(Path.Combine(Root, "docker-compose.yml"));

    [Test]
    public void App_and_worker_replicas_share_every_setting_but_their_role()
    {
        var app = Environment("app");
        var worker = Environment("worker");
        Assert.That(app.Keys.Except(["App__Role"]), Is.EquivalentTo(worker.Keys.Except(["App__Role"])));
        Assert.That((app["App__Role"], worker["App__Role"]), Is.EqualTo(("web", "worker")));
        foreach (var shared in (string[])["ConnectionStrings__Default", "ConnectionStrings__Redis", "Jwt__SigningKey", "Storage__Provider",
                     "Storage__S3__ServiceUrl", "Storage__S3__PublicServiceUrl", "App__PublicBaseUrl"])
            Assert.That(app, Does.ContainKey(shared), shared);
        Assert.That(Image("app"), Is.EqualTo(Image("worker")), "one image for both roles");
    }

    [Test]
    public void Only_the_proxy_publishes_the_app_and_it_reaches_every_app_replica()
    {
        Assert.That(Service("app").Children.ContainsKey("ports"), Is.False, "replicas cannot share a host port");
        Assert.That(((YamlSequenceNode)Service("proxy")["ports"]).Children.Select(p => p.ToString()), Has.Some.EndsWith(":8080"));

        var caddyfile = File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile"));
        var upstream = UpstreamPattern().Match(caddyfile);
        Assert.That(upstream.Success, Is.True, "the Caddyfile looks app replicas up by DNS");
        Assert.That(Services.Children.ContainsKey(upstream.Groups["service"].Value), Is.True);
        Assert.That(((YamlSequenceNode)Service("app")["healthcheck"]["test"]).Children.Select(c => c.ToString()),
            Has.Some.Contains($"localhost:{upstream.Groups["port"].Value}/health/ready"));
        Assert.That(caddyfile, Does.Contain("respond @metrics 404"), "/metrics stays inside the compose network");
    }

    [Test]
    public void Trusted_proxies_and_metrics_scrapers_are_the_compose_network()
    {
        var subnet = ((YamlMappingNode)((YamlSequenceNode)Compose["networks"]["default"]["ipam"]["config"]).Children[0])["subnet"].ToString();
        var app = Environment("app");
        Assert.That((app["App__TrustedProxies__0"], app["Telemetry__MetricsAllowedNetworks__0"]), Is.EqualTo((subnet, subnet)));

        var prometheus = File.ReadAllText(Path.Combine(Root, "deploy", "prometheus.yml"));
        foreach (Match name in ScrapeNamePattern().Matches(prometheus))
            Assert.That(Services.Children.ContainsKey(name.Groups["service"].Value), Is.True, name.Value);
        Assert.That(ScrapeNamePattern().Matches(prometheus).Select(m => m.Groups["service"].Value), Is.EquivalentTo(new[] { "app", "worker" }));
    }

    [Test]
    public void Stopping_replicas_get_longer_than_the_apps_grace_period()
    {
        foreach (var name in (string[])["app", "worker"])
        {
            var grace = int.Parse(Service(name)["stop_grace_period"].ToString().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(grace, Is.GreaterThan(30), $"{name}: App__ShutdownGraceSeconds defaults to 30");
        }
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static string Image(string name) => Service(name)["image"].ToString();

    private static Dictionary<string, string> Environment(string name) =>
        ((YamlMappingNode)Service(name)["environment"]).Children.Where(c => c.Key.ToString() != "<<")
            .Concat(((YamlMappingNode)((YamlMappingNode)Service(name)["environment"]).Children
                .Single(c => c.Key.ToString() == "<<").Value).Children)
            .ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml"))) return dir.FullName;
        throw new FileNotFoundException("docker-compose.yml not found above the test binary");
    }

    [GeneratedRegex(@"dynamic a (?<service>[\w-]+) (?<port>\d+)")]
    private static partial Regex UpstreamPattern();

    [GeneratedRegex(@"names: \[(?<service>[\w-]+)\]")]
    private static partial Regex ScrapeNamePattern();
}
