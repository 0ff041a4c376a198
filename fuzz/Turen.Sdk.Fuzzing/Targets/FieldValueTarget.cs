using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Metadata;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The stored form of an <c>[Encrypted]</c> member (base64url of version, salt, ciphertext and tag), decoded by
/// <see cref="FieldBinding.DecryptString"/> and <see cref="FieldBinding.DecryptBytes"/>. Only
/// <see cref="FieldIntegrityException"/> and <see cref="FieldKeyUnavailableException"/> may escape, and a value that
/// decrypts must be one that was sealed (every seed starts with <see cref="Marker"/>).
/// </summary>
public sealed class FieldValueTarget : IFuzzTarget
{
    /// <summary>The member name the seeds were sealed under; a value moved to another member must not open.</summary>
    public const string Member = "Secret";

    private const string Marker = "fuzz-field:";
    private static readonly FieldProtector Protector = FuzzKeys.CreateFieldProtector();

    /// <inheritdoc />
    public string Name => "field-value";

    /// <inheritdoc />
    public string Description => "FieldBinding.DecryptString/DecryptBytes of a stored value; FieldIntegrityException or FieldKeyUnavailableException only.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        string stored = Encoding.UTF8.GetString(input);
        FieldBinding binding = FieldBinding.Root(Protector);
        try
        {
            string? text = Decrypt(ref binding, stored, asBytes: false);
            string? bytes = Decrypt(ref binding, stored, asBytes: true);
            foreach (string? opened in new[] { text, bytes })
            {
                if (opened is not null && !opened.StartsWith(Marker, StringComparison.Ordinal))
                {
                    throw new FuzzPropertyException("A field value decrypted to plaintext that was never sealed.");
                }
            }

            if ((text is null) != (bytes is null))
            {
                throw new FuzzPropertyException("DecryptString and DecryptBytes disagree on whether the value is authentic.");
            }
        }
        finally
        {
            binding.Dispose();
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        foreach (int version in new[] { 1, 2 })
        {
            using FieldProtector protector = FuzzKeys.CreateFieldProtector(version);
            foreach (string plaintext in new[] { Marker, Marker + "a", Marker + "déjà vu ✓", Marker + new string('x', 300) })
            {
                yield return Seal(protector, plaintext);
            }
        }
    }

    private static byte[] Seal(FieldProtector protector, string plaintext)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FieldBinding binding = FieldBinding.Root(protector);
            try
            {
                binding.WriteEncrypted(writer, Member, plaintext);
            }
            finally
            {
                binding.Dispose();
            }
        }

        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return Encoding.UTF8.GetBytes(document.RootElement.GetString()!);
    }

    private static string? Decrypt(ref FieldBinding binding, string stored, bool asBytes)
    {
        try
        {
            if (asBytes)
            {
                byte[]? bytes = binding.DecryptBytes(Member, stored);
                return bytes is null ? null : Encoding.UTF8.GetString(bytes);
            }

            return binding.DecryptString(Member, stored);
        }
        catch (FieldIntegrityException)
        {
            return null;
        }
        catch (FieldKeyUnavailableException)
        {
            return null;
        }
    }
}
