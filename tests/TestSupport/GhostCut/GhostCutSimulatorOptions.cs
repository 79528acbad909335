namespace Vtis.TestSupport;

/// <summary>Fixed settings of a <see cref="GhostCutSimulator"/>; what changes during a test is on its Behavior.</summary>
public sealed class GhostCutSimulatorOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="GhostCutSimulator.BaseUrl"/>).</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The only <c>AppKey</c> accepted.</summary>
    public string AppKey { get; init; } = "test-key";

    /// <summary>The secret that checks <c>AppSign</c> and signs callbacks.</summary>
    public string AppSecret { get; init; } = "test-secret";

    /// <summary>How long a new work stays queued (<c>processStatus</c> -1).</summary>
    public TimeSpan QueuedFor { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Shortest time a work stays processing (<c>processStatus</c> 0) while its progress rises.</summary>
    public TimeSpan ProcessingFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between callback attempts that were not answered 200 with a body.</summary>
    public TimeSpan CallbackRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per callback delivery before giving up.</summary>
    public int MaxCallbackAttempts { get; init; } = 5;

    /// <summary>Time allowed for one input download or one callback attempt.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for ffmpeg to render one result.</summary>
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest input accepted; larger ones fail with processStatus 100 like GhostCut's 1000 MB limit.</summary>
    public long MaxInputBytes { get; init; } = 1000L * 1024 * 1024;

    /// <summary>Render results with the real local engine (text really removed) instead of opaque boxes, e.g. to run
    /// the app against the simulator by hand with real outputs. Slower; the protocol is the same.</summary>
    public bool UseEngine { get; init; }

    /// <summary>The ffmpeg executable.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The first work id handed out; later ones increase.</summary>
    public long FirstWorkId { get; init; } = 476993630;

    /// <summary>The first batch id handed out; later ones increase.</summary>
    public long FirstProjectId { get; init; } = 220925302;
}
