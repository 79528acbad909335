namespace Vtis.TestSupport;

/// <summary>How the simulator treats one work: its outcome and how it calls back.</summary>
public sealed record GhostCutWorkScenario
{
    /// <summary>Success, one signed callback.</summary>
    public static GhostCutWorkScenario Normal { get; } = new();

    /// <summary>A failure code (above 1) to end the work with instead of rendering it.</summary>
    public int? FailWithStatus { get; init; }

    /// <summary>The <c>errorDetail</c> that goes with <see cref="FailWithStatus"/>.</summary>
    public string ErrorDetail { get; init; } = "";

    /// <summary>How many times the final state is delivered (2 or more sends duplicates).</summary>
    public int CallbackCopies { get; init; } = 1;

    /// <summary>Wait between the final state and the first callback (a late callback).</summary>
    public TimeSpan CallbackDelay { get; init; }

    /// <summary>Sign callbacks with a wrong secret.</summary>
    public bool BadCallbackSignature { get; init; }

    /// <summary>Never call back.</summary>
    public bool NoCallback { get; init; }

    /// <summary>A work that fails with a GhostCut failure code.</summary>
    /// <param name="processStatus">The failure code, e.g. 16 or 73.</param>
    /// <param name="errorDetail">GhostCut's explanation.</param>
    /// <returns>The scenario.</returns>
    public static GhostCutWorkScenario Fail(int processStatus, string errorDetail = "") => new()
    {
        FailWithStatus = processStatus,
        ErrorDetail = errorDetail,
    };
}
