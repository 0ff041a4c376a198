namespace Turen.Sdk.Generators.Model;

/// <summary>What a member's annotation asks the serializer to do with its value.</summary>
internal enum Protection
{
    None,
    Encrypted,
    HashedKeyed,
    HashedPassword,
    Context,
}
