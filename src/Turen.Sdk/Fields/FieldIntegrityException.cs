using System;
using System.Security.Cryptography;

namespace Turen.Sdk.Fields;

/// <summary>
/// A stored field value failed to open or is not in the format its annotation requires. The message names the member but
/// never says which check failed, and never contains the value.
/// </summary>
public sealed class FieldIntegrityException : CryptographicException
{
    /// <summary>Creates the exception for a member.</summary>
    public FieldIntegrityException(string typeName, string memberName)
        : base($"The stored value of '{typeName}.{memberName}' was refused: it is malformed, was altered or truncated, was moved from another member, record, type or organization, or was sealed under a key this organization does not hold.")
    {
        TypeName = typeName;
        MemberName = memberName;
    }

    /// <summary>The type the member belongs to, as bound into the value.</summary>
    public string TypeName { get; }

    /// <summary>The member whose value was refused.</summary>
    public string MemberName { get; }
}
