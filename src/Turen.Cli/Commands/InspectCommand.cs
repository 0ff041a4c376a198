using System;
using System.Buffers.Binary;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen inspect [IN]</c>: prints the header as JSON. No key is used, so nothing is authenticated, and no key
/// material (not even a wrapped data key) is printed.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        Argument<string?> input = EnvelopeOptions.Input();
        var command = new Command("inspect", "Print a session blob's header as JSON (unauthenticated; no key needed).") { input };
        command.SetAction((parsed, cancellationToken) => CommandFailures.RunAsync("inspect", () => RunAsync(parsed.GetValue(input), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? input, CancellationToken cancellationToken)
    {
        SessionBlobHeader header;
        await using (Stream source = EnvelopeOptions.OpenInput(input))
        {
            header = await SessionBlob.ReadUnverifiedHeaderAsync(source, cancellationToken);
        }

        await using Stream stdout = Console.OpenStandardOutput();
        await using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            Write(json, header);
        }

        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return ExitCodes.Success;
    }

    internal static void Write(Utf8JsonWriter json, SessionBlobHeader header)
    {
        json.WriteStartObject();
        json.WriteNumber("version", header.Version);
        json.WriteString("suite", $"0x{(ushort)header.Suite:X4}");
        json.WriteString("suiteName", Enum.IsDefined(header.Suite) ? header.Suite.ToString() : "unknown");
        json.WriteBoolean("signed", header.IsSigned);
        json.WriteString("messageId", Convert.ToHexString(header.MessageId.Span).ToLowerInvariant());
        json.WriteStartObject("context");
        foreach (var pair in header.Context)
        {
            json.WriteString(pair.Key, pair.Value);
        }

        json.WriteEndObject();
        json.WriteStartArray("encryptedDataKeys");
        foreach (EncryptedDataKey edk in header.EncryptedDataKeys)
        {
            json.WriteStartObject();
            json.WriteString("providerId", edk.ProviderId);
            if (TryReadRawAesKeyName(edk.ProviderInfo.Span, out string? keyName))
            {
                json.WriteString("keyName", keyName);
            }

            json.WriteNumber("providerInfoBytes", edk.ProviderInfo.Length);
            json.WriteNumber("wrappedKeyBytes", edk.Ciphertext.Length);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("contentType", header.IsFramed ? "framed" : "non-framed");
        json.WriteNumber("frameLength", header.FrameLength);
        json.WriteNumber("headerBytes", header.Length);
        json.WriteBoolean("authenticated", false);
        json.WriteEndObject();
    }

    /// <summary>A raw AES keyring's provider info is name ‖ u32 128 ‖ u32 12 ‖ IV(12).</summary>
    private static bool TryReadRawAesKeyName(ReadOnlySpan<byte> info, out string? name)
    {
        name = null;
        if (info.Length < 20)
        {
            return false;
        }

        int nameLength = info.Length - 20;
        if (BinaryPrimitives.ReadUInt32BigEndian(info[nameLength..]) != 128 || BinaryPrimitives.ReadUInt32BigEndian(info[(nameLength + 4)..]) != 12)
        {
            return false;
        }

        try
        {
            name = new UTF8Encoding(false, true).GetString(info[..nameLength]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
