using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>Org data keys 1 and 2 of one org, derived from <see cref="FuzzKeys.FieldKey"/>; version 2 is active.</summary>
internal sealed class FixedOrgKeys(int activeVersion = FixedOrgKeys.ActiveVersion) : IOrgKeyProvider
{
    public const string OrgId = "fuzz-org";
    public const int ActiveVersion = 2;

    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) =>
        GetKeyAsync(orgId, activeVersion, cancellationToken);

    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        if (orgId != OrgId || version is < 1 or > ActiveVersion)
        {
            throw new OrgKeyNotFoundException(orgId, version, "The fuzz org has keys 1 and 2 only.");
        }

        return ValueTask.FromResult(OrgDataKey.Create(orgId, version, FuzzKeys.FieldKey(version)));
    }

    /// <summary>A protector with both versions loaded, so that old values decode too.</summary>
    public static Turen.Sdk.Fields.FieldProtector CreateProtector(int activeVersion = ActiveVersion)
    {
        var keys = new FixedOrgKeys(activeVersion);
        // Cheap Argon2id parameters: the seeds must be made quickly; stored hashes carry their own parameters.
        var options = new Turen.Sdk.Fields.FieldProtectorOptions { PasswordMemoryKiB = 16, PasswordIterations = 1 };
        Turen.Sdk.Fields.FieldProtector protector = Turen.Sdk.Fields.FieldProtector.CreateAsync(keys, OrgId, options).AsTask().GetAwaiter().GetResult();
        for (int version = 1; version <= ActiveVersion; version++)
        {
            protector.LoadKeyVersionAsync(version).AsTask().GetAwaiter().GetResult();
        }

        return protector;
    }
}
