using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen seal --org ORG --session ID [IN] [-o OUT] [--home DIR]</c> (under the org's active data key from the local key
/// manager) or <c>turen seal [IN] [-o OUT] --raw-key FILE --key-name NAME [--key-namespace NS]</c> (interop); both take
/// <c>[--context k=v]... [--frame-length N] [--parallelism N]</c>.
/// </summary>
internal static class SealCommand
{
    public static Command Create()
    {
        Argument<string?> input = EnvelopeOptions.Input();
        Option<string?> output = EnvelopeOptions.Output();
        Option<string[]> rawKey = EnvelopeOptions.RawKey();
        Option<string[]> keyName = EnvelopeOptions.KeyName();
        // Either an org from the local key manager or raw keys: neither is required on its own.
        rawKey.Required = false;
        keyName.Required = false;
        Option<string?> org = LocalKeyOptions.Org("Seal under this org's active data key from the local key manager (instead of --raw-key).");
        Option<string?> session = new("--session") { Description = "The session id (same as --context turen.session=ID)." };
        Option<string?> home = LocalKeyOptions.Home();
        Option<string[]> keyNamespace = EnvelopeOptions.KeyNamespace();
        Option<string[]> context = EnvelopeOptions.Context("A context pair key=value; turen.org and turen.session are required. Keys use [a-z0-9./-].");
        Option<int> frameLength = new("--frame-length")
        {
            Description = $"Plaintext bytes per frame (default {SessionBlob.DefaultFrameLength}).",
            DefaultValueFactory = _ => SessionBlob.DefaultFrameLength,
        };

        Option<int?> parallelism = EnvelopeOptions.Parallelism("encrypted");

        var command = new Command("seal", "Encrypt a session recording into a session blob (AWS Encryption SDK message, suite 0x0478).")
        {
            input, output, org, session, home, rawKey, keyName, keyNamespace, context, frameLength, parallelism,
        };
        command.SetAction((parsed, cancellationToken) => CommandFailures.RunAsync("seal", () => RunAsync(
            parsed.GetValue(org),
            parsed.GetValue(session),
            parsed.GetValue(home),
            parsed.GetValue(input),
            parsed.GetValue(output),
            parsed.GetValue(rawKey),
            parsed.GetValue(keyName),
            parsed.GetValue(keyNamespace),
            parsed.GetValue(context),
            parsed.GetValue(frameLength),
            parsed.GetValue(parallelism),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? orgOption, string? sessionOption, string? home, string? input, string? output, string[]? rawKeys, string[]? names, string[]? namespaces, string[]? pairs, int frameLength, int? parallelism, CancellationToken cancellationToken)
    {
        EncryptionContext all = EnvelopeOptions.ParseContext(pairs);
        if (orgOption is not null || sessionOption is not null)
        {
            all = all.Union(EncryptionContext.Create(new[]
            {
                new KeyValuePair<string, string>(SessionBlob.OrgContextKey, orgOption ?? (all.TryGetValue(SessionBlob.OrgContextKey, out string? o) ? o : string.Empty)),
                new KeyValuePair<string, string>(SessionBlob.SessionContextKey, sessionOption ?? (all.TryGetValue(SessionBlob.SessionContextKey, out string? s) ? s : string.Empty)),
            }.Where(p => p.Value.Length > 0)));
        }

        if (!all.TryGetValue(SessionBlob.OrgContextKey, out string? org) || !all.TryGetValue(SessionBlob.SessionContextKey, out string? session))
        {
            throw new UsageException($"give the org and session: --context {SessionBlob.OrgContextKey}=ORG --context {SessionBlob.SessionContextKey}=ID");
        }

        if (frameLength < 1 || frameLength > SessionBlob.MaxSealFrameLength)
        {
            throw new UsageException($"--frame-length must be between 1 and {SessionBlob.MaxSealFrameLength}");
        }

        if (orgOption is not null)
        {
            if (rawKeys is { Length: > 0 })
            {
                throw new UsageException("give either --org (local key manager) or --raw-key, not both");
            }

            LocalKeyOptions.ValidOrg(orgOption);
        }
        else if (rawKeys is not { Length: > 0 })
        {
            throw new UsageException("give --org ORG --session ID to seal under the org's data key, or --raw-key FILE --key-name NAME");
        }

        if (rawKeys is { Length: > 1 })
        {
            throw new UsageException("seal takes one --raw-key (a session blob carries one wrapped data key)");
        }

        var options = new SealOptions
        {
            OrgId = org,
            SessionId = session,
            Context = EncryptionContext.Create(all.Where(p => p.Key is not (SessionBlob.OrgContextKey or SessionBlob.SessionContextKey))),
            FrameLength = frameLength,
            MaxDegreeOfParallelism = EnvelopeOptions.ResolveParallelism(parallelism, input),
        };

        if (orgOption is not null)
        {
            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(home, cancellationToken);
            return await SealAsync(input, output, new OrgSessionKeyring(keys.KeyManager, orgOption), options, cancellationToken);
        }

        var keyrings = EnvelopeOptions.Keyrings(rawKeys, names, namespaces);
        try
        {
            return await SealAsync(input, output, keyrings[0], options, cancellationToken);
        }
        finally
        {
            keyrings.ForEach(k => k.Dispose());
        }
    }

    private static async Task<int> SealAsync(string? input, string? output, IKeyring keyring, SealOptions options, CancellationToken cancellationToken)
    {
        await using Stream source = ProgressStream.Wrap(EnvelopeOptions.OpenInput(input), "sealing");
        await using AtomicOutputFile destination = AtomicOutputFile.Create(output);
        await SessionBlob.SealAsync(source, destination.Stream, keyring, options, cancellationToken);
        await destination.CommitAsync();
        return ExitCodes.Success;
    }
}
