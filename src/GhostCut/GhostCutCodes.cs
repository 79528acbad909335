namespace Vtis.GhostCut;

/// <summary>Envelope <c>code</c> values. HTTP 200 can carry any of them, so the code is always checked.</summary>
public static class GhostCutCodes
{
    /// <summary>Request accepted (never "the video is done").</summary>
    public const int Success = 1000;

    /// <summary>The <c>AppKey</c> or <c>AppSign</c> header is missing.</summary>
    public const int MissingCredentials = 2001;

    /// <summary>The request was not a POST.</summary>
    public const int NotPost = 2002;

    /// <summary>The <c>AppKey</c> is unknown.</summary>
    public const int InvalidAppKey = 2003;

    /// <summary>The <c>AppSign</c> does not match the body.</summary>
    public const int InvalidAppSign = 2004;

    /// <summary>GhostCut could not process the request data.</summary>
    public const int DataProcessFailure = 3001;

    /// <summary>GhostCut could not update its data.</summary>
    public const int DataUpdateFailure = 3002;

    /// <summary>The id does not exist.</summary>
    public const int IdNotFound = 3003;

    /// <summary>Rate or volume limit reached ("Data process Limit").</summary>
    public const int DataProcessLimit = 3006;

    /// <summary>Unknown server-side error.</summary>
    public const int Unknown = 9999;

    /// <summary>Whether trying the same call again later may succeed.</summary>
    /// <param name="code">An envelope code.</param>
    /// <returns><see langword="true"/> for the rate limit and the unknown error.</returns>
    public static bool IsTransient(int code) => code is DataProcessLimit or Unknown;
}
