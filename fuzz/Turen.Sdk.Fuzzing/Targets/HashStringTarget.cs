using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Turen.Sdk.Annotations;
using Turen.Sdk.Fields;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// Stored <c>[Hashed]</c> strings: keyed hashes (<c>thash1$v$mac</c>) and Argon2id PHC strings. Recognising and
/// verifying never throws (a keyed hash naming an unloaded key version may throw
/// <see cref="FieldKeyUnavailableException"/>, as documented), and no stored string verifies a password it was not made from.
/// </summary>
public sealed partial class HashStringTarget : IFuzzTarget
{
    private const string Password = "fuzz-password";
    private const string WrongPassword = "fuzz-wrong-password";
    private static readonly FieldProtector Protector = FuzzKeys.CreateFieldProtector();
    private static readonly HashedField Keyed = new("FuzzRecord", "Token", HashKind.Keyed);
    private static readonly HashedField Argon = new("FuzzRecord", "Password", HashKind.Password);

    /// <inheritdoc />
    public string Name => "hash-string";

    /// <inheritdoc />
    public string Description => "HashedField.IsHash/Verify for keyed and Argon2id hashes; FieldKeyUnavailableException only (keyed).";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        string stored = Encoding.UTF8.GetString(input);
        bool isKeyed = Keyed.IsHash(stored);
        bool isArgon = Argon.IsHash(stored);
        if (isKeyed && isArgon)
        {
            throw new FuzzPropertyException("A string was recognised as both a keyed and a password hash.");
        }

        try
        {
            bool wrong = Keyed.Verify(Protector, stored, WrongPassword);
            bool right = Keyed.Verify(Protector, stored, Password);
            Check(isKeyed, wrong, right);
        }
        catch (FieldKeyUnavailableException)
        {
            if (!isKeyed)
            {
                throw new FuzzPropertyException("A string that is not a keyed hash asked for a key version.");
            }
        }

        // Argon2id costs what the stored string says (up to 1 GiB by design); only cheap parameters are run here.
        if (IsCheap(stored))
        {
            bool wrong = Argon.Verify(Protector, stored, WrongPassword);
            bool right = Argon.Verify(Protector, stored, Password);
            Check(isArgon, wrong, right);
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        foreach (int version in new[] { 1, 2 })
        {
            using FieldProtector protector = FuzzKeys.CreateFieldProtector(version);
            yield return Encoding.UTF8.GetBytes(Keyed.Compute(protector, Password));
            yield return Encoding.UTF8.GetBytes(Argon.Compute(protector, Password));
        }
    }

    private static void Check(bool recognised, bool wrong, bool right)
    {
        if (wrong)
        {
            throw new FuzzPropertyException("A stored hash verified a password it was not made from.");
        }

        if (right && !recognised)
        {
            throw new FuzzPropertyException("Verify accepted a string that IsHash does not recognise.");
        }
    }

    private static bool IsCheap(string stored)
    {
        Match match = ArgonCost().Match(stored);
        return match.Success
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int memory) && memory <= 64
            && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) && iterations <= 2;
    }

    [GeneratedRegex(@"m=([0-9]{1,9}),t=([0-9]{1,9}),", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ArgonCost();
}
