using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen open [IN] [-o OUT] --raw-key FILE --key-name NAME [--key-namespace NS] [--context k=v]... [--allow-legacy]
/// [--max-encrypted-data-keys N]</c>. With -o, OUT appears only when the whole blob verified; on standard output,
/// verified frames stream out as they come and a failure (exit 1) means the output must be discarded.
/// </summary>
internal static class OpenCommand
{
    public static Command Create()
    {
        Argument<string?> input = EnvelopeOptions.Input();
        Option<string?> output = EnvelopeOptions.Output();
        Option<string[]> rawKey = EnvelopeOptions.RawKey();
        Option<string[]> keyName = EnvelopeOptions.KeyName();
        Option<string[]> keyNamespace = EnvelopeOptions.KeyNamespace();
        Option<string[]> context = EnvelopeOptions.Context("A context pair key=value the blob must carry (or, if not stored, must have been sealed with).");
        Option<bool> allowLegacy = new("--allow-legacy") { Description = "Also open message format version 1 (non-committing) blobs." };
        Option<int> maxKeys = new("--max-encrypted-data-keys")
        {
            Description = $"Refuse blobs with more wrapped data keys than this (default {OpenOptions.DefaultMaxEncryptedDataKeys}).",
            DefaultValueFactory = _ => OpenOptions.DefaultMaxEncryptedDataKeys,
        };

        var command = new Command("open", "Decrypt a session blob; any one of the given keys may open it.")
        {
            input, output, rawKey, keyName, keyNamespace, context, allowLegacy, maxKeys,
        };
        command.SetAction((parsed, cancellationToken) => EnvelopeOptions.RunAsync("open", () => RunAsync(
            parsed.GetValue(input),
            parsed.GetValue(output),
            parsed.GetValue(rawKey),
            parsed.GetValue(keyName),
            parsed.GetValue(keyNamespace),
            parsed.GetValue(context),
            parsed.GetValue(allowLegacy),
            parsed.GetValue(maxKeys),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? input, string? output, string[]? rawKeys, string[]? names, string[]? namespaces, string[]? pairs, bool allowLegacy, int maxKeys, CancellationToken cancellationToken)
    {
        if (maxKeys < 1)
        {
            throw new UsageException("--max-encrypted-data-keys must be at least 1");
        }

        var options = new OpenOptions
        {
            ExpectedContext = EnvelopeOptions.ParseContext(pairs),
            AllowLegacy = allowLegacy,
            MaxEncryptedDataKeys = maxKeys,
        };
        var keyrings = EnvelopeOptions.Keyrings(rawKeys, names, namespaces);
        try
        {
            await using Stream source = ProgressStream.Wrap(EnvelopeOptions.OpenInput(input), "opening");
            await using AtomicOutputFile destination = AtomicOutputFile.Create(output);
            await SessionBlob.OpenAsync(source, destination.Stream, new MultiKeyring(keyrings.Cast<IKeyring>().ToArray()), options, cancellationToken);
            await destination.CommitAsync();
            return ExitCodes.Success;
        }
        finally
        {
            keyrings.ForEach(k => k.Dispose());
        }
    }
}
