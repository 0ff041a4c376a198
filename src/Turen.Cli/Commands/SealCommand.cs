using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Commands;

/// <summary><c>turen seal [IN] [-o OUT] --raw-key FILE --key-name NAME [--key-namespace NS] [--context k=v]... [--frame-length N]</c></summary>
internal static class SealCommand
{
    public static Command Create()
    {
        Argument<string?> input = EnvelopeOptions.Input();
        Option<string?> output = EnvelopeOptions.Output();
        Option<string[]> rawKey = EnvelopeOptions.RawKey();
        Option<string[]> keyName = EnvelopeOptions.KeyName();
        Option<string[]> keyNamespace = EnvelopeOptions.KeyNamespace();
        Option<string[]> context = EnvelopeOptions.Context("A context pair key=value; turen.org and turen.session are required. Keys use [a-z0-9./-].");
        Option<int> frameLength = new("--frame-length")
        {
            Description = $"Plaintext bytes per frame (default {SessionBlob.DefaultFrameLength}).",
            DefaultValueFactory = _ => SessionBlob.DefaultFrameLength,
        };

        var command = new Command("seal", "Encrypt a session recording into a session blob (AWS Encryption SDK message, suite 0x0478).")
        {
            input, output, rawKey, keyName, keyNamespace, context, frameLength,
        };
        command.SetAction((parsed, cancellationToken) => EnvelopeOptions.RunAsync("seal", () => RunAsync(
            parsed.GetValue(input),
            parsed.GetValue(output),
            parsed.GetValue(rawKey),
            parsed.GetValue(keyName),
            parsed.GetValue(keyNamespace),
            parsed.GetValue(context),
            parsed.GetValue(frameLength),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? input, string? output, string[]? rawKeys, string[]? names, string[]? namespaces, string[]? pairs, int frameLength, CancellationToken cancellationToken)
    {
        EncryptionContext all = EnvelopeOptions.ParseContext(pairs);
        if (!all.TryGetValue(SessionBlob.OrgContextKey, out string? org) || !all.TryGetValue(SessionBlob.SessionContextKey, out string? session))
        {
            throw new UsageException($"give the org and session: --context {SessionBlob.OrgContextKey}=ORG --context {SessionBlob.SessionContextKey}=ID");
        }

        if (frameLength < 1 || frameLength > SessionBlob.MaxSealFrameLength)
        {
            throw new UsageException($"--frame-length must be between 1 and {SessionBlob.MaxSealFrameLength}");
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
        };

        var keyrings = EnvelopeOptions.Keyrings(rawKeys, names, namespaces);
        try
        {
            await using Stream source = ProgressStream.Wrap(EnvelopeOptions.OpenInput(input), "sealing");
            await using AtomicOutputFile destination = AtomicOutputFile.Create(output);
            await SessionBlob.SealAsync(source, destination.Stream, keyrings[0], options, cancellationToken);
            await destination.CommitAsync();
            return ExitCodes.Success;
        }
        finally
        {
            keyrings.ForEach(k => k.Dispose());
        }
    }
}
