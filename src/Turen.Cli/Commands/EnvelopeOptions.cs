using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Commands;

/// <summary>The options <c>seal</c>, <c>open</c> and <c>inspect</c> share.</summary>
internal static class EnvelopeOptions
{
    public static Argument<string?> Input() => new("IN")
    {
        Description = "Input file; standard input when omitted or '-'.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Output file, written only when the command succeeds; standard output when omitted.",
    };

    public static Option<string[]> RawKey() => new("--raw-key")
    {
        Description = "A file holding a raw AES wrapping key (16, 24 or 32 bytes, raw or base64). Repeat with --key-name.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> KeyName() => new("--key-name")
    {
        Description = "The key name stored with the wrapped data key; one per --raw-key.",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> KeyNamespace() => new("--key-namespace")
    {
        Description = "The key namespace (provider id); default 'turen'. Give one for all keys or one per --raw-key.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Context(string description) => new("--context")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The default lane count for a file: one stream on a user's machine may use its cores.</summary>
    public static int DefaultParallelism => Math.Min(Environment.ProcessorCount, 8);

    public static Option<int?> Parallelism(string verb) => new("--parallelism")
    {
        Description = $"Frames {verb} at once, on as many threads (1-64). Default: the processor count, at most 8 (here {DefaultParallelism}), " +
            "for a file; 1 for standard input, which may be a live pipe whose frames should go out as they come.",
    };

    /// <summary>The lane count to use: the one given, else the default for a file, else 1 for standard input.</summary>
    public static int ResolveParallelism(int? lanes, string? input) => lanes switch
    {
        null => string.IsNullOrEmpty(input) || input == "-" ? 1 : DefaultParallelism,
        >= 1 and <= 64 => lanes.Value,
        _ => throw new UsageException("--parallelism must be between 1 and 64"),
    };

    public static Stream OpenInput(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            return Console.OpenStandardInput();
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EnvironmentException($"cannot read '{path}': {ex.Message}");
        }
    }

    public static EncryptionContext ParseContext(string[]? pairs)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (string pair in pairs ?? Array.Empty<string>())
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--context expects key=value, got '{pair}'");
            }

            list.Add(new(pair[..eq], pair[(eq + 1)..]));
        }

        try
        {
            return EncryptionContext.Create(list);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException("--context: " + ex.Message);
        }
    }

    /// <summary>Builds one raw AES keyring per --raw-key/--key-name pair.</summary>
    public static List<RawAesKeyring> Keyrings(string[]? keyFiles, string[]? names, string[]? namespaces)
    {
        keyFiles ??= Array.Empty<string>();
        names ??= Array.Empty<string>();
        namespaces ??= Array.Empty<string>();
        if (keyFiles.Length != names.Length)
        {
            throw new UsageException($"give one --key-name per --raw-key ({keyFiles.Length} keys, {names.Length} names)");
        }

        if (namespaces.Length > 1 && namespaces.Length != keyFiles.Length)
        {
            throw new UsageException("give one --key-namespace for all keys or one per --raw-key");
        }

        var keyrings = new List<RawAesKeyring>();
        try
        {
            for (int i = 0; i < keyFiles.Length; i++)
            {
                byte[] key = KeyFile.Read(keyFiles[i]);
                try
                {
                    string ns = namespaces.Length == 0 ? RawAesKeyring.DefaultNamespace : namespaces[namespaces.Length == 1 ? 0 : i];
                    keyrings.Add(RawAesKeyring.Create(ns, names[i], key));
                }
                catch (ArgumentException ex)
                {
                    throw new UsageException(ex.Message);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(key);
                }
            }
        }
        catch
        {
            keyrings.ForEach(k => k.Dispose());
            throw;
        }

        return keyrings;
    }
}
