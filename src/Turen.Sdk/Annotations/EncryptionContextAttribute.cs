using System;

namespace Turen.Sdk.Annotations;

/// <summary>
/// Binds every encrypted value of the record to this property's value: a ciphertext moved to a record with a different
/// value fails to open. The property is stored in clear, so it must be a non-secret, stable scalar
/// (<see cref="string"/>, <see cref="Guid"/>, an integer, <see cref="bool"/> or an enum) that never changes for the record.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class EncryptionContextAttribute : Attribute
{
}
