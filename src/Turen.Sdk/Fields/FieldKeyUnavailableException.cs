using System;

namespace Turen.Sdk.Fields;

/// <summary>
/// A value was sealed under a data-key version the <see cref="FieldProtector"/> has not loaded (synchronous APIs), or the
/// key provider could not supply it (retired or unknown version).
/// </summary>
/// <remarks>
/// <see cref="TurenSerializer.DeserializeAsync{T}(string, FieldProtector, System.Threading.CancellationToken)"/> loads missing
/// versions itself; synchronous callers can call <see cref="FieldProtector.LoadKeyVersionAsync"/> and retry.
/// </remarks>
public sealed class FieldKeyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FieldKeyUnavailableException(string orgId, int version, Exception? innerException = null)
        : base($"Data key version {version} of organization '{orgId}' is not available to this field protector.", innerException)
    {
        OrgId = orgId;
        Version = version;
    }

    /// <summary>The organization.</summary>
    public string OrgId { get; }

    /// <summary>The data-key version the value names.</summary>
    public int Version { get; }
}
