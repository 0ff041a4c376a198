namespace Turen.Sdk.Generators.Model;

/// <summary>Which <c>PrintMembers</c> signature a record needs (C# spec, records §"Printing members"), or none.</summary>
internal enum PrintMembersKind
{
    /// <summary>Not a record, or the user wrote their own.</summary>
    None,

    /// <summary>Sealed record class deriving from object, or record struct.</summary>
    Private,

    /// <summary>Unsealed record class deriving from object.</summary>
    ProtectedVirtual,

    /// <summary>Record class deriving from another record.</summary>
    ProtectedOverride,
}
