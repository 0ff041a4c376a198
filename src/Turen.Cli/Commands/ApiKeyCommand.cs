using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk;
using Turen.Sdk.Credentials;
using Turen.Sdk.Keys;
using Turen.Sdk.Postgres;
using Turen.Sdk.Sqlite;
using Turen.Sdk.Storage;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen apikey create|list|revoke|verify</c>: API keys stored as HMAC-SHA-256 hashes in the Turen database (SQLite
/// <c>turen.db</c> in the Turen home by default, PostgreSQL with <c>--postgres</c>). The hash key lives in
/// <c>apikey-hash.key</c> (owner-only) in the same home.
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var apikey = new Command("apikey", "Manage API keys (ak_live_…): created once-shown, stored only as keyed hashes.");
        apikey.Subcommands.Add(CreateKey());
        apikey.Subcommands.Add(List());
        apikey.Subcommands.Add(Revoke());
        apikey.Subcommands.Add(Verify());
        return apikey;
    }

    private static Option<string?> Home() => new("--home")
    {
        Description = "The Turen home holding turen.db and apikey-hash.key (default: $TUREN_HOME, else ~/.turen).",
    };

    private static Option<string?> Postgres() => new("--postgres")
    {
        Description = "A PostgreSQL connection string to use instead of the SQLite file in the home.",
    };

    private static Command CreateKey()
    {
        Option<string?> home = Home();
        Option<string?> postgres = Postgres();
        var name = new Argument<string>("NAME") { Description = "A label for the key, e.g. ci-uploader." };
        var test = new Option<bool>("--test") { Description = "Create an ak_test_ key (fixtures) instead of ak_live_." };
        var command = new Command("create", "Create a key and print it once.") { name, home, postgres, test };
        command.SetAction((parse, ct) => RunAsync("apikey create", parse.GetValue(home), parse.GetValue(postgres), createHashKey: true, ct, async service =>
        {
            using CreatedApiKey created = await service.CreateAsync(parse.GetValue(name)!, parse.GetValue(test) ? SecretEnvironment.Test : SecretEnvironment.Live, ct);
            Console.WriteLine($"Created API key {created.Info.Id} \"{created.Info.Name}\". It is shown once; store it now:");
            Console.WriteLine(created.Key.Reveal());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List()
    {
        Option<string?> home = Home();
        Option<string?> postgres = Postgres();
        var command = new Command("list", "List keys (ids, names, dates; never a key or a hash).") { home, postgres };
        command.SetAction((parse, ct) => RunAsync("apikey list", parse.GetValue(home), parse.GetValue(postgres), createHashKey: false, ct, async service =>
        {
            IReadOnlyList<ApiKeyInfo> keys = await service.ListAsync(ct);
            if (keys.Count == 0)
            {
                Console.WriteLine("No API keys.");
                return ExitCodes.Success;
            }

            Console.WriteLine($"{"ID",-18} {"ENV",-4} {"CREATED",-20} {"STATUS",-28} NAME");
            foreach (ApiKeyInfo key in keys)
            {
                string status = key.RevokedAt is { } at ? "revoked " + at.ToString("u", CultureInfo.InvariantCulture) : "active";
                string environment = key.Environment == SecretEnvironment.Test ? "test" : "live";
                Console.WriteLine($"{key.Id,-18} {environment,-4} {key.CreatedAt.ToString("u", CultureInfo.InvariantCulture),-20} {status,-28} {key.Name}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke()
    {
        Option<string?> home = Home();
        Option<string?> postgres = Postgres();
        var id = new Argument<string>("ID") { Description = "The key's id as `apikey list` shows it (ak_live_ + 8 characters)." };
        var command = new Command("revoke", "Revoke a key; it never verifies again.") { id, home, postgres };
        command.SetAction((parse, ct) => RunAsync("apikey revoke", parse.GetValue(home), parse.GetValue(postgres), createHashKey: false, ct, async service =>
        {
            string keyId = parse.GetValue(id)!;
            if (!ApiKey.IsLookupId(keyId))
            {
                throw new UsageException($"'{keyId}' is not an API key id (ak_live_ or ak_test_ and 8 characters; see `turen apikey list`)");
            }

            if (!await service.RevokeAsync(keyId, ct))
            {
                throw new RefusedException($"no API key with id {keyId}");
            }

            Console.WriteLine($"Revoked {keyId}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Verify()
    {
        Option<string?> home = Home();
        Option<string?> postgres = Postgres();
        var command = new Command("verify", "Check a key read from standard input (never from the command line, where other users could see it).") { home, postgres };
        command.SetAction((parse, ct) => RunAsync("apikey verify", parse.GetValue(home), parse.GetValue(postgres), createHashKey: false, ct, async service =>
        {
            string presented = (await Console.In.ReadLineAsync(ct) ?? string.Empty).Trim();
            ApiKeyVerification result = await service.VerifyAsync(presented, ct);
            switch (result.Status)
            {
                case ApiKeyVerificationStatus.Valid:
                    Console.WriteLine($"valid: {result.Key!.Id} \"{result.Key.Name}\"");
                    return ExitCodes.Success;
                case ApiKeyVerificationStatus.Revoked:
                    Console.WriteLine($"revoked: {result.Key!.Id} (since {result.Key.RevokedAt!.Value.ToString("u", CultureInfo.InvariantCulture)})");
                    return ExitCodes.Refused;
                case ApiKeyVerificationStatus.Malformed:
                    Console.WriteLine("malformed: not an API key (prefix, length or checksum wrong)");
                    return ExitCodes.Refused;
                default:
                    Console.WriteLine("unknown: no such key");
                    return ExitCodes.Refused;
            }
        }));
        return command;
    }

    private static Task<int> RunAsync(string command, string? homeOption, string? postgres, bool createHashKey, CancellationToken cancellationToken, Func<ApiKeyService, Task<int>> body) =>
        CommandFailures.RunAsync(command, async () =>
        {
            TurenHome home = TurenHome.Resolve(homeOption);
            using ApiKeyHashKey hashKey = LoadHashKey(home, createHashKey);
            TurenDatabase database = string.IsNullOrWhiteSpace(postgres) ? OpenSqlite(home) : new TurenPostgresDatabase(postgres);
            try
            {
                await database.MigrateAsync(cancellationToken);
                return await body(new ApiKeyService(new SqlApiKeyStore(database), hashKey));
            }
            finally
            {
                if (database is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        });

    private static TurenSqliteDatabase OpenSqlite(TurenHome home)
    {
        home.EnsureCreated();
        return new TurenSqliteDatabase(home.DatabasePath);
    }

    /// <summary>
    /// The server's hash key. Created (owner-only) on the first <c>create</c>; the other commands need it to exist, since a
    /// new key would make every stored hash unverifiable.
    /// </summary>
    private static ApiKeyHashKey LoadHashKey(TurenHome home, bool create)
    {
        string path = home.ApiKeyHashKeyPath;
        if (!File.Exists(path))
        {
            if (!create)
            {
                // list and revoke do not hash; a throw-away key lets them run before any key was created.
                return ApiKeyHashKey.Generate();
            }

            home.EnsureCreated();
            Span<byte> fresh = stackalloc byte[ApiKeyHashKey.KeySize];
            RandomNumberGenerator.Fill(fresh);
            try
            {
                KeyFile.Create(path, fresh);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(fresh);
            }
        }

        byte[] bytes = KeyFile.Read(path);
        try
        {
            if (bytes.Length != ApiKeyHashKey.KeySize)
            {
                throw new EnvironmentException($"the API-key hash key '{path}' is not {ApiKeyHashKey.KeySize} bytes");
            }

            return ApiKeyHashKey.Import(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
