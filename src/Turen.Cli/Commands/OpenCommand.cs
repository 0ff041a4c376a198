using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen open [IN] [-o OUT] [--org ORG] [--home DIR]</c> (org and data key version come from the blob's key name and are
/// looked up in the local key manager; --org asserts the org) or <c>turen open [IN] [-o OUT] --raw-key FILE --key-name NAME
/// [--key-namespace NS]</c> (interop); both take <c>[--context k=v]... [--allow-legacy] [--max-encrypted-data-keys N] [--parallelism N]</c>. With -o, OUT appears only when the whole blob verified; on standard output,
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
        // Without --raw-key the blob is opened through the local key manager.
        rawKey.Required = false;
        keyName.Required = false;
        Option<string?> org = LocalKeyOptions.Org("Require the blob to belong to this org (local key manager mode).");
        Option<string?> home = LocalKeyOptions.Home();
        Option<string[]> context = EnvelopeOptions.Context("A context pair key=value the blob must carry (or, if not stored, must have been sealed with).");
        Option<bool> allowLegacy = new("--allow-legacy") { Description = "Also open message format version 1 (non-committing) blobs." };
        Option<int> maxKeys = new("--max-encrypted-data-keys")
        {
            Description = $"Refuse blobs with more wrapped data keys than this (default {OpenOptions.DefaultMaxEncryptedDataKeys}).",
            DefaultValueFactory = _ => OpenOptions.DefaultMaxEncryptedDataKeys,
        };

        Option<int?> parallelism = EnvelopeOptions.Parallelism("decrypted");

        var command = new Command("open", "Decrypt a session blob; any one of the given keys may open it.")
        {
            input, output, org, home, rawKey, keyName, keyNamespace, context, allowLegacy, maxKeys, parallelism,
        };
        command.SetAction((parsed, cancellationToken) => CommandFailures.RunAsync("open", () => RunAsync(
            parsed.GetValue(org),
            parsed.GetValue(home),
            parsed.GetValue(input),
            parsed.GetValue(output),
            parsed.GetValue(rawKey),
            parsed.GetValue(keyName),
            parsed.GetValue(keyNamespace),
            parsed.GetValue(context),
            parsed.GetValue(allowLegacy),
            parsed.GetValue(maxKeys),
            parsed.GetValue(parallelism),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? org, string? home, string? input, string? output, string[]? rawKeys, string[]? names, string[]? namespaces, string[]? pairs, bool allowLegacy, int maxKeys, int? parallelism, CancellationToken cancellationToken)
    {
        if (maxKeys < 1)
        {
            throw new UsageException("--max-encrypted-data-keys must be at least 1");
        }

        EncryptionContext expected = EnvelopeOptions.ParseContext(pairs);
        if (org is not null)
        {
            expected = expected.Union(EncryptionContext.Of(SessionBlob.OrgContextKey, LocalKeyOptions.ValidOrg(org)));
        }

        var options = new OpenOptions
        {
            ExpectedContext = expected,
            AllowLegacy = allowLegacy,
            MaxEncryptedDataKeys = maxKeys,
            MaxDegreeOfParallelism = EnvelopeOptions.ResolveParallelism(parallelism, input),
        };
        if (rawKeys is not { Length: > 0 })
        {
            if (names is { Length: > 0 })
            {
                throw new UsageException("--key-name needs a --raw-key");
            }

            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(home, cancellationToken);
            IKeyring orgKeyring = org is null ? OrgSessionKeyring.ForAnyOrg(keys.KeyManager) : new OrgSessionKeyring(keys.KeyManager, org);
            return await OpenAsync(input, output, orgKeyring, options, cancellationToken);
        }

        var keyrings = EnvelopeOptions.Keyrings(rawKeys, names, namespaces);
        try
        {
            return await OpenAsync(input, output, new MultiKeyring(keyrings.Cast<IKeyring>().ToArray()), options, cancellationToken);
        }
        finally
        {
            keyrings.ForEach(k => k.Dispose());
        }
    }

    private static async Task<int> OpenAsync(string? input, string? output, IKeyring keyring, OpenOptions options, CancellationToken cancellationToken)
    {
        await using Stream source = ProgressStream.Wrap(EnvelopeOptions.OpenInput(input), "opening");
        await using AtomicOutputFile destination = AtomicOutputFile.Create(output);
        await SessionBlob.OpenAsync(source, destination.Stream, keyring, options, cancellationToken);
        await destination.CommitAsync();
        return ExitCodes.Success;
    }
}
