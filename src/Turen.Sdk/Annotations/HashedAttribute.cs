using System;

namespace Turen.Sdk.Annotations;

/// <summary>
/// Stores only a hash of the property: the plaintext never reaches storage. A value read back is the stored hash, which
/// the serializer recognises and writes unchanged; verify a presented secret with the generated <c>HashedFields</c> members.
/// </summary>
/// <remarks>
/// Supported on <see cref="string"/> properties. Never put it on something that must be read back, such as key material:
/// use <see cref="EncryptedAttribute"/> for that.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class HashedAttribute : Attribute
{
    /// <summary>Hashes with <see cref="HashKind.Keyed"/>.</summary>
    public HashedAttribute()
        : this(HashKind.Keyed)
    {
    }

    /// <summary>Hashes with the given kind.</summary>
    public HashedAttribute(HashKind kind) => Kind = kind;

    /// <summary>The hash kind.</summary>
    public HashKind Kind { get; }
}
