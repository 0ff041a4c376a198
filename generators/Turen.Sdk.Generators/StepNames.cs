namespace Turen.Sdk.Generators;

/// <summary>Tracking names of the pipeline steps; caching tests assert on them.</summary>
internal static class StepNames
{
    public const string EncryptedMembers = nameof(EncryptedMembers);
    public const string HashedMembers = nameof(HashedMembers);
    public const string ContextMembers = nameof(ContextMembers);
    public const string AnnotatedTypes = nameof(AnnotatedTypes);
    public const string TypeSpecs = nameof(TypeSpecs);
    public const string Diagnostics = nameof(Diagnostics);

    public static readonly string[] All = { EncryptedMembers, HashedMembers, ContextMembers, AnnotatedTypes, TypeSpecs, Diagnostics };
}
