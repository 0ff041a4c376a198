using System;

namespace Turen.Sdk.Annotations;

/// <summary>
/// Stores the property encrypted: AES-256-GCM under a key derived from the organization's data key for each serialization
/// of the record, bound to the type, the property, the record's <see cref="EncryptionContextAttribute"/> values and the organization.
/// </summary>
/// <remarks>
/// Supported on <see cref="string"/> and <see cref="byte"/>[] properties (nullable or not). The containing type must be
/// <c>partial</c>; the Turen source generator then emits its serializer. Sealed, because the generator finds it by exact name.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class EncryptedAttribute : Attribute
{
}
