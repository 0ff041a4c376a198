namespace Turen.Sdk.Storage;

/// <summary>The life-cycle state of one stored org DEK version.</summary>
public enum OrgKeyStatus
{
    /// <summary>The version new blobs are sealed under. At most one per org (a database constraint).</summary>
    Active = 1,

    /// <summary>Replaced by a newer version; still opens the blobs sealed under it.</summary>
    Previous = 2,

    /// <summary>Retired: its wrapped key was erased, so blobs sealed under it can no longer be opened.</summary>
    Retired = 3,
}
