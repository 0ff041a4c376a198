using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Annotations;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Fields;

/// <summary>
/// One <c>[Hashed]</c> member: computes its stored hash and verifies a presented value against it. The generator emits one
/// per member, e.g. <c>AgentRecord.HashedFields.AgentSecret.Verify(protector, record.AgentSecret, presented)</c>.
/// </summary>
public sealed class HashedField
{
    /// <summary>Describes a member; called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public HashedField(string typeName, string memberName, HashKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(memberName);
        TypeName = typeName;
        MemberName = memberName;
        Kind = kind;
    }

    /// <summary>The type the member belongs to.</summary>
    public string TypeName { get; }

    /// <summary>The member.</summary>
    public string MemberName { get; }

    /// <summary>The hash kind.</summary>
    public HashKind Kind { get; }

    /// <summary>
    /// Hashes a value as it would be stored. For <see cref="HashKind.Keyed"/> the result is deterministic under the active
    /// key version, so it can be used to look a record up by a presented secret.
    /// </summary>
    public string Compute(FieldProtector protector, string value)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(value);
        return Kind == HashKind.Password
            ? PasswordHash.Compute(value, protector.Options.PasswordMemoryKiB, protector.Options.PasswordIterations)
            : KeyedHash.Compute(protector, TypeName, MemberName, value);
    }

    /// <summary>Checks, in constant time, whether <paramref name="presented"/> hashes to <paramref name="storedHash"/>. False for a malformed hash.</summary>
    /// <exception cref="FieldKeyUnavailableException">A keyed hash names a key version that is not loaded (use <see cref="VerifyAsync"/>).</exception>
    public bool Verify(FieldProtector protector, string? storedHash, string presented)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(presented);
        if (storedHash is null)
        {
            return false;
        }

        return Kind == HashKind.Password
            ? PasswordHash.Verify(storedHash, presented)
            : KeyedHash.Verify(protector, TypeName, MemberName, storedHash, presented);
    }

    /// <summary>Like <see cref="Verify"/>, loading the key version a keyed hash names first.</summary>
    public async ValueTask<bool> VerifyAsync(FieldProtector protector, string? storedHash, string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (Kind == HashKind.Keyed && storedHash is not null && KeyedHash.GetVersion(storedHash) is > 0 and int version)
        {
            await protector.LoadKeyVersionAsync(version, cancellationToken).ConfigureAwait(false);
        }

        return Verify(protector, storedHash, presented);
    }

    /// <summary>True when <paramref name="value"/> is a hash of this member's kind (and so is written unchanged).</summary>
    public bool IsHash(string? value) => Kind == HashKind.Password ? PasswordHash.IsPasswordHash(value) : KeyedHash.IsKeyedHash(value);

    /// <summary>Names the member.</summary>
    public override string ToString() => $"HashedField {{ {TypeName}.{MemberName}, {Kind} }}";
}
