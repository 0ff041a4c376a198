using Global = Turen.Sdk.Shared.TurenContract.Global;
using Turen.Sdk.Generators.Model;

namespace Turen.Sdk.Generators.Emission;

/// <summary>
/// Writes a record's <c>PrintMembers</c>, which the compiler's <c>ToString</c> calls. It prints what the compiler would,
/// minus every annotated member, so a logged record never shows a secret, a ciphertext or a hash.
/// </summary>
internal static class PrintMembersEmitter
{
    public static void Emit(SourceWriter w, TypeSpec spec)
    {
        string modifiers = spec.Printing switch
        {
            PrintMembersKind.Private => "private",
            PrintMembersKind.ProtectedVirtual => "protected virtual",
            PrintMembersKind.ProtectedOverride => "protected override",
            _ => string.Empty,
        };
        if (modifiers.Length == 0)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Prints the members for <c>ToString</c>, leaving out every [Encrypted], [Hashed] and [EncryptionContext] member.</summary>");
        w.WriteLine(Global.GeneratedCodeAttribute);
        w.OpenBlock($"{modifiers} bool PrintMembers({Global.StringBuilder} builder)");
        bool first = true;
        if (spec.Printing == PrintMembersKind.ProtectedOverride)
        {
            w.OpenBlock("if (base.PrintMembers(builder))");
            w.WriteLine(spec.PrintableMembers.Count > 0 ? "builder.Append(\", \");" : "return true;");
            w.CloseBlock();
        }

        foreach (string member in spec.PrintableMembers)
        {
            // Member names are C# identifiers, so the label needs no escaping: "Name = " or ", Name = ".
            w.WriteLine($"builder.Append(\"{(first ? string.Empty : ", ")}{member} = \");");
            w.WriteLine($"builder.Append((object?)this.{member});");
            first = false;
        }

        w.WriteLine(spec.PrintableMembers.Count > 0 ? "return true;" : "return false;");
        w.CloseBlock();
    }
}
