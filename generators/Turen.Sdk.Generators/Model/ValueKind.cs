namespace Turen.Sdk.Generators.Model;

/// <summary>How a member's value is written to and read from JSON.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Enum,
    Bytes,
    Nullable,
    Array,
    List,
    Nested,
}
