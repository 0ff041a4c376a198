using System;
using System.Threading.Tasks;
using Turen.Sdk.Fields;

namespace Turen.Sdk.Generators.Tests.Infrastructure;

/// <summary>A key provider with two orgs and protectors for both, with cheap Argon2id parameters.</summary>
public sealed class FieldTestContext : IDisposable
{
    public const string OrgA = "org-a";
    public const string OrgB = "org-b";

    public static readonly FieldProtectorOptions FastPasswords = new() { PasswordMemoryKiB = 64, PasswordIterations = 1 };

    private FieldTestContext(FixedOrgKeyProvider keys, FieldProtector a, FieldProtector b)
    {
        Keys = keys;
        ProtectorA = a;
        ProtectorB = b;
    }

    public FixedOrgKeyProvider Keys { get; }

    public FieldProtector ProtectorA { get; }

    public FieldProtector ProtectorB { get; }

    public static async Task<FieldTestContext> CreateAsync()
    {
        var keys = new FixedOrgKeyProvider { CreateOrgsOnFirstUse = true };
        FieldProtector a = await keys.CreateFieldProtectorAsync(OrgA, FastPasswords);
        FieldProtector b = await keys.CreateFieldProtectorAsync(OrgB, FastPasswords);
        return new FieldTestContext(keys, a, b);
    }

    public void Dispose()
    {
        ProtectorA.Dispose();
        ProtectorB.Dispose();
        Keys.Dispose();
    }
}
