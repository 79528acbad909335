namespace Vtis.GhostCut;

/// <summary>The GhostCut API operations used here, relative to <see cref="GhostCutOptions.ApiUrl"/>.</summary>
public static class GhostCutPaths
{
    /// <summary>Creates one text-removal work per input URL. Not idempotent: every call creates and bills works.</summary>
    public const string CreateWork = "/v-w-c/gateway/ve/work/free";

    /// <summary>Reads work rows by work ids or by batch (project) ids.</summary>
    public const string WorkStatus = "/v-w-c/gateway/ve/work/status";
}
