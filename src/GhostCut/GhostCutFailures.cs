namespace Vtis.GhostCut;

/// <summary>What a failed work means for the person who submitted the video.</summary>
/// <param name="ProcessStatus">GhostCut's failure code.</param>
/// <param name="Message">A sentence that can be shown to the user as is.</param>
/// <param name="IsRetryable">Whether submitting the same video once more may succeed.</param>
/// <param name="IsOperatorProblem">Whether the cause is our GhostCut account, for operators to fix, not the user.</param>
public sealed record GhostCutFailure(int ProcessStatus, string Message, bool IsRetryable, bool IsOperatorProblem);

/// <summary>Maps GhostCut failure codes (<see cref="GhostCutWork.ProcessStatus"/> above 1) to user-facing messages.</summary>
public static class GhostCutFailures
{
    /// <summary>The input URL could not be resolved.</summary>
    public const int UrlUnresolved = 2;

    /// <summary>The input could not be downloaded.</summary>
    public const int DownloadFailed = 3;

    /// <summary>The video is longer than GhostCut accepts.</summary>
    public const int TooLong = 5;

    /// <summary>The video may be corrupt.</summary>
    public const int Corrupt = 16;

    /// <summary>Processing timed out (also 23 and 111).</summary>
    public const int TimedOut = 18;

    /// <summary>Erasing failed.</summary>
    public const int ErasingFailed = 20;

    /// <summary>The input failed validation; <see cref="GhostCutWork.ErrorDetail"/> says why.</summary>
    public const int InvalidInput = 26;

    /// <summary>Our GhostCut account has no points left (also 83).</summary>
    public const int OutOfPoints = 73;

    /// <summary>The file is larger than GhostCut accepts.</summary>
    public const int FileTooLarge = 100;

    /// <summary>Explains a failure code.</summary>
    /// <param name="processStatus">The work's <see cref="GhostCutWork.ProcessStatus"/>.</param>
    /// <param name="errorDetail">The work's <see cref="GhostCutWork.ErrorDetail"/>, used where it helps the user.</param>
    /// <returns>The message and how to react to it.</returns>
    public static GhostCutFailure Describe(int processStatus, string? errorDetail) => processStatus switch
    {
        UrlUnresolved => User(processStatus, "The video could not be fetched for processing: its link could not be resolved."),
        DownloadFailed => User(processStatus, "The video could not be downloaded for processing."),
        TooLong or 99 => User(processStatus, "The video is too long: at most 15 minutes can be processed."),
        Corrupt => User(processStatus, "The video file may be corrupt or in an unsupported format."),
        TimedOut or 23 or 111 => new(processStatus, "Processing the video timed out.", IsRetryable: true, IsOperatorProblem: false),
        ErasingFailed => User(processStatus, "Removing the text from this video failed."),
        InvalidInput => User(processStatus, string.IsNullOrWhiteSpace(errorDetail)
            ? "The video did not pass input validation."
            : $"The video did not pass input validation: {errorDetail.Trim()}"),
        OutOfPoints or 83 => new(processStatus, "Text removal is temporarily unavailable. Please try again later.",
            IsRetryable: false, IsOperatorProblem: true),
        FileTooLarge => User(processStatus, "The video file is too large: files must be smaller than 1000 MB."),
        _ => User(processStatus, $"Removing the text from this video failed (error {processStatus})."),
    };

    private static GhostCutFailure User(int processStatus, string message) =>
        new(processStatus, message, IsRetryable: false, IsOperatorProblem: false);
}
