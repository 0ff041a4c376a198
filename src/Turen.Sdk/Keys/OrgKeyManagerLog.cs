using Microsoft.Extensions.Logging;

namespace Turen.Sdk.Keys;

/// <summary>The org key manager's log events. They name orgs, versions and KEK ids; never key bytes or wrapped keys.</summary>
internal static partial class OrgKeyManagerLog
{
    [LoggerMessage(EventId = 3001, EventName = "OrgKeyCreated", Level = LogLevel.Information, Message = "Created data key v1 of org {OrgId} under KEK {KekId}")]
    public static partial void Created(ILogger logger, string orgId, string kekId);

    [LoggerMessage(EventId = 3002, EventName = "OrgKeyRotated", Level = LogLevel.Information, Message = "Rotated org {OrgId} to data key v{Version} under KEK {KekId}")]
    public static partial void Rotated(ILogger logger, string orgId, int version, string kekId);

    [LoggerMessage(EventId = 3003, EventName = "OrgKeyUnwrapFailed", Level = LogLevel.Error, Message = "Could not unwrap data key v{Version} of org {OrgId} with KEK {KekId}: {Reason}")]
    public static partial void UnwrapFailed(ILogger logger, string orgId, int version, string kekId, string reason);

    [LoggerMessage(EventId = 3004, EventName = "OrgKeysRetired", Level = LogLevel.Information, Message = "Retired {Count} data key version(s) of org {OrgId} below v{MinimumVersion}")]
    public static partial void Retired(ILogger logger, string orgId, int count, int minimumVersion);

    [LoggerMessage(EventId = 3005, EventName = "OrgKeysRewrapped", Level = LogLevel.Information, Message = "Rewrapped {Count} data key version(s) of org {OrgId} under KEK {KekId}")]
    public static partial void Rewrapped(ILogger logger, string orgId, int count, string kekId);
}
