using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.TestSupport;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.IntegrationTests;

/// <summary>
/// The fleet, as production runs it: 2 web and 2 worker processes of the built binary behind a round-robin balancer,
/// sharing PostgreSQL, a Redis of the test's own and the S3 server, with the GhostCut simulator calling back through
/// the balancer. While 50 jobs run, one worker is killed with SIGKILL, Redis is restarted and one web replica is
/// stopped with SIGTERM. Afterwards every job is final, charged once or released, and every job's final webhook
/// reached its endpoint at least once.
/// </summary>
[NonParallelizable]
public sealed class TopologyTests
{
    private const int Users = 5;
    private const int JobsPerUser = 10;

    [Test]
    public async Task Fifty_jobs_survive_a_killed_worker_a_redis_restart_and_a_stopped_replica()
    {
        var timeline = new Timeline();
        void Note(string what) => timeline.Note(what);

        var simulator = await Apps.SimulatorAsync();
        var receiver = await Apps.ReceiverAsync();
        await using var redis = await RedisServer.StartAsync();
        var balancerPort = Loopback.FreePort();
        var settings = await FleetSettingsAsync(redis, simulator, $"http://127.0.0.1:{balancerPort}/");
        // The first web replica migrates the database; the others start once it is ready.
        await using var web1 = Start("web-1", "web", settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await web1.WaitHealthyAsync(http);
        await using var web2 = Start("web-2", "web", settings);
        await using var worker1 = Start("worker-1", "worker", settings);
        await using var worker2 = Start("worker-2", "worker", settings);
        var fleet = new[] { web1, web2, worker1, worker2 };
        await Task.WhenAll(web2.WaitHealthyAsync(http), worker1.WaitHealthyAsync(http), worker2.WaitHealthyAsync(http));
        await using var balancer = await RoundRobinProxy.StartAsync([web1.Url, web2.Url], balancerPort);
        Note("fleet up: 2 web, 2 workers, balancer");

        try
        {
            var users = new List<(VtisClient Client, Guid UploadId, string Hook)>();
            for (var i = 0; i < Users; i++)
            {
                var client = new VtisClient(VtisClient.NewHttpClient(balancer.Url)) { MaxRetries = 5 };
                var tokens = await client.SendAsync(new Register { Email = $"fleet-{i}-{Guid.NewGuid():N}@example.test", Password = "correct-horse-1" });
                client.BearerToken = tokens.AccessToken;
                var (hook, url) = receiver.NewHook();
                var endpoint = await client.SendAsync(new CreateWebhookEndpoint { Url = url, EventTypes = ["job.completed", "job.failed", "job.cancelled"] });
                receiver.Secret(hook, endpoint.Secret);
                await using var file = File.OpenRead(await TestMedia.Mp4);
                var upload = await client.UploadAsync(new UploadVideo(), file, "clip.mp4", "video/mp4");
                users.Add((client, upload.Id, hook));
            }

            // The first user follows their jobs live on web-2 (the replica that stays up), while workers, other
            // processes, change them: what arrives crossed the Redis backplane.
            var pushed = new List<JobInfo>();
            var watcherToken = users[0].Client.BearerToken;
            await using var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(web2.Url, "hubs/jobs"), o => o.AccessTokenProvider = () => Task.FromResult(watcherToken))
                .AddJsonProtocol(o => o.PayloadSerializerOptions = VtisClient.JsonOptions)
                .WithAutomaticReconnect()
                .Build();
            hub.On<JobInfo>("jobChanged", job => { lock (pushed) pushed.Add(job); });
            await hub.StartAsync();

            var jobs = new List<(int User, Guid Id)>();
            var afterRestart = new List<Guid>();
            for (var n = 0; n < Users * JobsPerUser; n++)
            {
                var user = n % Users;
                jobs.Add((user, await SubmitAsync(users[user].Client, users[user].UploadId)));
                if (n > 25 && user == 0) afterRestart.Add(jobs[^1].Id);
                switch (n)
                {
                    case 12:
                        worker1.Kill();
                        Note($"SIGKILL worker-1 after {n + 1} submits");
                        break;
                    case 25:
                        await redis.RestartAsync();
                        Note($"Redis restarted after {n + 1} submits");
                        break;
                    case 38:
                        await web1.StopAsync(TimeSpan.FromSeconds(20));
                        Note($"SIGTERM web-1 after {n + 1} submits: it stopped");
                        break;
                }

                await Task.Delay(100);
            }

            Note($"{jobs.Count} jobs submitted");

            var final = new Dictionary<Guid, JobInfo>();
            var deadline = DateTime.UtcNow.AddSeconds(240);
            while (final.Count < jobs.Count && DateTime.UtcNow < deadline)
            {
                foreach (var (user, id) in jobs.Where(j => !final.ContainsKey(j.Id)))
                {
                    var job = await users[user].Client.SendAsync(new GetJob { Id = id });
                    if (job.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) final[id] = job;
                }

                await Task.Delay(500);
            }

            Note($"{final.Count} final: {string.Join(", ", final.Values.GroupBy(j => j.Status).Select(g => $"{g.Count()} {g.Key}"))}");
            foreach (var failed in final.Values.Where(j => j.Status != JobStatus.Completed))
                Note($"{failed.Status}: {failed.Id} {failed.Error?.Code}: {failed.Error?.Message}");
            foreach (var (user, id) in jobs.Where(j => !final.ContainsKey(j.Id)))
            {
                var job = await users[user].Client.SendAsync(new GetJob { Id = id });
                var events = await users[user].Client.SendAsync(new GetJobEvents { Id = id });
                Note($"not final: {id} {job.Status} {job.ProgressPercentage}%; " +
                     string.Join(" | ", events.Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} {e.Message}")));
            }
            Assert.That(final, Has.Count.EqualTo(jobs.Count), "every job reaches a final state");

            for (var u = 0; u < Users; u++)
            {
                var mine = jobs.Where(j => j.User == u).Select(j => final[j.Id]).ToList();
                var ledger = (await users[u].Client.SendAsync(new ListLedger { PageSize = 200 })).Items;
                foreach (var job in mine)
                {
                    var entries = ledger.Where(e => e.JobId == job.Id).ToList();
                    Assert.That(entries.Count(e => e.Kind == "reserve"), Is.EqualTo(1), $"job {job.Id} reserved once");
                    if (job.Status == JobStatus.Completed)
                    {
                        Assert.That(entries.Count(e => e.Kind == "charge"), Is.EqualTo(1), $"completed job {job.Id} charged once");
                        Assert.That(entries.Count(e => e.Kind == "release"), Is.EqualTo(0), $"completed job {job.Id} not released");
                    }
                    else
                    {
                        Assert.That(entries.Count(e => e.Kind == "release"), Is.EqualTo(1), $"{job.Status} job {job.Id} released once");
                        Assert.That(entries.Count(e => e.Kind == "charge"), Is.EqualTo(0), $"{job.Status} job {job.Id} not charged");
                    }
                }

                var credits = await users[u].Client.SendAsync(new GetCredits());
                Assert.That(credits.Reserved, Is.EqualTo(0), "nothing stays reserved");
                Assert.That(credits.Balance, Is.EqualTo(10 - mine.Sum(j => j.ActualCreditsUsed ?? 0)), "the balance is the grant minus the charges");
            }

            List<JobInfo> seen;
            lock (pushed) seen = [.. pushed];
            var ownJobs = jobs.Where(j => j.User == 0).Select(j => j.Id).ToHashSet();
            Assert.That(seen.Select(j => j.Id), Is.All.Matches<Guid>(ownJobs.Contains), "only the user's own jobs are pushed");
            // Each job's final state (completed, or failed: a job may fail here) reached the user on web-2.
            Assert.That(afterRestart.Where(id => !seen.Any(j => j.Id == id && j.Status == final[id].Status)), Is.Empty,
                "final states set by the workers reached the user on web-2 over the backplane (jobs submitted after the Redis restart)");
            Note($"SignalR on web-2: {seen.Count} pushes for the first user's {ownJobs.Count} jobs");

            // Every job's final event reached its owner's endpoint at least once.
            var expected = jobs.Select(j => (users[j.User].Hook, j.Id, Type: $"job.{final[j.Id].Status.ToString().ToLowerInvariant()}")).ToList();
            bool Delivered((string Hook, Guid Id, string Type) e) => receiver.Received.Any(r =>
                r.Hook == e.Hook && r.Json()["type"]!.GetValue<string>() == e.Type && r.Json()["data"]!["id"]!.GetValue<string>() == e.Id.ToString());
            var webhookDeadline = DateTime.UtcNow.AddSeconds(60);
            while (!expected.All(Delivered) && DateTime.UtcNow < webhookDeadline) await Task.Delay(250);
            Note($"webhooks: {expected.Count(Delivered)} of {expected.Count} final events delivered");
            Assert.That(expected.Where(e => !Delivered(e)).Select(e => $"{e.Type} {e.Id}"), Is.Empty, "final events never delivered");
            Assert.That(receiver.Received.Where(r => users.Any(u => u.Hook == r.Hook)).All(r => r.Verified), Is.True, "every delivery is signed");
            timeline.Print();
        }
        catch
        {
            timeline.Print(fleet);
            throw;
        }
    }

    /// <summary>
    /// A worker SIGKILLed in the middle of a local engine job (the CPU-bound kind, in the engine queue): its message
    /// and its half-written output die with it, the job's progress stops moving, and once it has not moved for
    /// <c>Jobs:StuckProcessingSeconds</c> the other worker's sweep queues it again and runs it from the start. The job
    /// completes with a whole video, charged once.
    /// </summary>
    [Test]
    public async Task An_engine_job_whose_worker_is_killed_runs_again_on_the_other_worker_and_is_charged_once()
    {
        var timeline = new Timeline();
        void Note(string what) => timeline.Note(what);

        await using var redis = await RedisServer.StartAsync();
        var settings = await FleetSettingsAsync(redis, await Apps.SimulatorAsync(), "http://127.0.0.1:9/");
        settings["Jobs:WorkerConcurrency"] = "1";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var web = Start("web", "web", settings);
        await web.WaitHealthyAsync(http);
        await using var worker1 = Start("worker-1", "worker", settings);
        await worker1.WaitHealthyAsync(http);
        AppProcess? worker2 = null;
        try
        {
            var client = new VtisClient(VtisClient.NewHttpClient(web.Url));
            client.BearerToken = (await client.SendAsync(new Register { Email = $"engine-kill-{Guid.NewGuid():N}@example.test", Password = "correct-horse-1" })).AccessToken;
            var input = await TestMedia.TwentySeconds;
            await using var file = File.OpenRead(input);
            var upload = await client.UploadAsync(new UploadVideo(), file, "twenty.mp4", "video/mp4");
            var job = await client.SendAsync(new SubmitJob { UploadId = upload.Id, Config = new ProcessingConfig { Processor = ProcessorKind.Local } });

            // Only worker-1 is up: it takes the job. Once the engine reports progress, worker-1 dies and worker-2 starts.
            var running = await client.WaitForAsync(job.Id, j => j.Status == JobStatus.Processing && j.ProgressPercentage > 0, seconds: 120);
            worker1.Kill();
            Note($"SIGKILL worker-1 while it runs the job ({running.ProgressPercentage}% when last read)");
            worker2 = Start("worker-2", "worker", settings);
            await worker2.WaitHealthyAsync(http);
            Note("worker-2 up");

            var done = await client.WaitForEndAsync(job.Id, seconds: 180);
            var events = await client.SendAsync(new GetJobEvents { Id = job.Id });
            Note($"{done.Status}: {string.Join(" | ", events.Select(e => $"{e.Kind} {e.Message}"))}");
            Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
            Assert.That(events.Select(e => e.Kind), Does.Contain("requeued"), "the sweep queued the job again");

            var ledger = (await client.SendAsync(new ListLedger())).Items.Where(e => e.JobId == job.Id).ToList();
            Assert.That(ledger.Select(e => e.Kind), Is.EquivalentTo(new[] { "reserve", "charge" }), "reserved once, charged once, nothing released");
            var credits = await client.SendAsync(new GetCredits());
            Assert.That((credits.Balance, credits.Reserved), Is.EqualTo((10 - done.ActualCreditsUsed!.Value, 0L)));

            var link = await client.SendAsync(new DownloadJob { Id = job.Id, Redirect = false });
            var output = Path.Combine(Path.GetTempPath(), $"{job.Id:N}.mp4");
            await File.WriteAllBytesAsync(output, await http.GetByteArrayAsync(link.Url));
            var (inFrames, _) = await TestMedia.CountFramesAsync(input);
            Assert.That((await TestMedia.CountFramesAsync(output)).Frames, Is.EqualTo(inFrames), "the rerun wrote the whole video");
            timeline.Print();
        }
        catch
        {
            timeline.Print(new[] { web, worker1, worker2 }.OfType<AppProcess>());
            throw;
        }
        finally
        {
            if (worker2 is not null) await worker2.DisposeAsync();
        }
    }

    /// <summary>
    /// A fleet's first start, as `docker compose up` does it: 2 web and 2 worker processes at once on an empty
    /// database. They take turns preparing it (migrations, the admin account): every one comes up.
    /// </summary>
    [Test]
    public async Task Replicas_started_together_on_an_empty_database_migrate_it_once_and_all_come_up()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = await FleetSettingsAsync(redis, await Apps.SimulatorAsync(), "http://127.0.0.1:9/");
        settings["Admin:Email"] = $"fleet-admin-{Guid.NewGuid():N}@example.test";
        settings["Admin:Password"] = "fleet-admin-password-1";
        settings["Logging:LogLevel:Default"] = "Information"; // to see which replicas waited for the start-up lock
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var fleet = new[] { Start("web-1", "web", settings), Start("web-2", "web", settings), Start("worker-1", "worker", settings), Start("worker-2", "worker", settings) };
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(fleet.Select(p => p.WaitHealthyAsync(http)));
            TestContext.Out.WriteLine($"all 4 healthy after {clock.Elapsed.TotalSeconds:0.0} s; waited for another replica's start-up: " +
                string.Join(", ", fleet.Where(p => p.Wrote("Another replica is preparing the database")).Select(p => p.Name)));
            await using var connection = new Npgsql.NpgsqlConnection(settings["ConnectionStrings:Default"]);
            await connection.OpenAsync();
            await using var admins = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "Users" WHERE lower("Email") = lower(@email) AND "IsAdmin" """, connection);
            admins.Parameters.AddWithValue("email", settings["Admin:Email"]!);
            Assert.That(await admins.ExecuteScalarAsync(), Is.EqualTo(1L), "the admin account, made by whichever replica came first");
            Assert.That(fleet.Where(p => p.HasExited).Select(p => p.Name), Is.Empty);
        }
        catch
        {
            foreach (var process in fleet) TestContext.Out.WriteLine($"--- {process.Name}{(process.HasExited ? " (exited)" : "")}\n{process.Tail}");
            throw;
        }
        finally
        {
            foreach (var process in fleet) await process.DisposeAsync();
        }
    }

    /// <summary>What a fleet test saw, with the time since it started; printed at the end, and with the processes'
    /// last lines when it fails.</summary>
    private sealed class Timeline
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _lines = [];

        public void Note(string what) => _lines.Add($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

        public void Print(IEnumerable<AppProcess>? processes = null)
        {
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, _lines));
            foreach (var process in processes ?? [])
                TestContext.Out.WriteLine($"--- {process.Name}{(process.HasExited ? " (exited)" : "")}\n{process.Tail}");
        }
    }

    /// <summary>Starts one process of the built binary with the fleet's settings and a data directory of its own.</summary>
    private static AppProcess Start(string name, string role, Dictionary<string, string?> settings) =>
        AppProcess.Start(name, role, new Dictionary<string, string?>(settings) { ["App:DataDirectory"] = Directory.CreateTempSubdirectory($"vtis-{name}-").FullName });

    /// <summary>What every process of a fleet shares: the test apps' settings (TestApp.SharedSettings), a database of its
    /// own, the test's Redis (under a prefix of its own), a bucket of its own on the S3 server and one signing key.</summary>
    private static async Task<Dictionary<string, string?>> FleetSettingsAsync(RedisServer redis, GhostCutSimulator simulator, string publicUrl)
    {
        var s3 = new Uri(Environment.GetEnvironmentVariable("TEST_S3") ?? throw new InvalidOperationException("TEST_S3 is not set: run scripts/test.sh."));
        var settings = TestApp.SharedSettings(simulator.BaseUrl);
        settings["ConnectionStrings:Default"] = await TestServers.CreatePostgresDatabaseAsync();
        settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        settings["Queue:Prefix"] = $"vtis-topology:{Guid.NewGuid():N}:";
        settings["Storage:Provider"] = "S3";
        settings["Storage:S3:ServiceUrl"] = s3.GetLeftPart(UriPartial.Authority);
        settings["Storage:S3:Bucket"] = $"vtis-topology-{Guid.NewGuid():N}"[..30];
        settings["Storage:S3:AccessKey"] = "S3RVER";
        settings["Storage:S3:SecretKey"] = "S3RVER";
        settings["Storage:S3:ForcePathStyle"] = "true";
        settings["Jwt:SigningKey"] = "topology-tests-signing-key-0123456789abcdef";
        settings["App:PublicBaseUrl"] = publicUrl;
        settings["App:ShutdownGraceSeconds"] = "10";
        settings["Telemetry:LogFormat"] = "simple";
        // A GhostCut job whose worker dies during its create call is never sent again (GhostCut bills every call): it
        // waits for a callback that names it, or fails at its maximum age, releasing its credits. 2 minutes here, so
        // such a job is final within the test's wait.
        settings["Jobs:MaxAgeSeconds"] = "120";
        // As this test has always run: GhostCut's default total timeout (2 min) and a 2 s third webhook retry.
        settings.Remove("GhostCut:TotalTimeout");
        settings["Webhooks:RetryDelaysSeconds:2"] = "2";
        return settings;
    }

    /// <summary>Submits as a careful integrator does: one Idempotency-Key per job, retried until answered.</summary>
    private static async Task<Guid> SubmitAsync(VtisClient client, Guid uploadId)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await client.SendAsync(new SubmitJob { UploadId = uploadId, Config = new ProcessingConfig { Processor = ProcessorKind.GhostCut } }, key)).Id;
            }
            catch (Exception e) when (attempt < 10 && e is HttpRequestException or TaskCanceledException || e is ApiException { Status: >= 500 } && attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }
}
