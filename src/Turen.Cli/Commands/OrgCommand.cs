using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Cli.Commands;

/// <summary><c>turen org create|rotate|list|retire|rewrap</c>: manage org data keys in the local key manager.</summary>
internal static class OrgCommand
{
    public static Command Create()
    {
        var command = new Command("org", "Manage org data keys in the local key store (run 'turen init' first).");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(RotateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RetireCommand());
        command.Subcommands.Add(RewrapCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        Argument<string> org = LocalKeyOptions.OrgArgument();
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("create", "Create an org's first data key (v1). Fails if the org exists.") { org, home };
        command.SetAction((parsed, ct) => CommandFailures.RunAsync("org create", async () =>
        {
            string id = LocalKeyOptions.ValidOrg(parsed.GetValue(org));
            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(parsed.GetValue(home), ct);
            if (!await keys.KeyManager.CreateOrgAsync(id, ct))
            {
                WrappedOrgKey active = (await keys.Store.GetActiveAsync(id, ct))!;
                throw new RefusedException($"org {id} already exists (active data key v{active.Version})");
            }

            Console.WriteLine($"created org {id}: data key v1 wrapped by {keys.Kek.KeyId}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RotateCommand()
    {
        Argument<string> org = LocalKeyOptions.OrgArgument();
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("rotate", "Make a new data key version active; blobs sealed under older versions stay readable.") { org, home };
        command.SetAction((parsed, ct) => CommandFailures.RunAsync("org rotate", async () =>
        {
            string id = LocalKeyOptions.ValidOrg(parsed.GetValue(org));
            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(parsed.GetValue(home), ct);
            int version = await keys.KeyManager.RotateAsync(id, ct);
            Console.WriteLine($"rotated org {id}: data key v{version} is active");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        Argument<string?> org = new("ORG") { Description = "Show this org's versions; all orgs when omitted.", Arity = ArgumentArity.ZeroOrOne };
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("list", "List orgs with their active version, or one org's versions.") { org, home };
        command.SetAction((parsed, ct) => CommandFailures.RunAsync("org list", async () =>
        {
            // Arguments are checked before the home is touched: a bad one is usage (2) whatever the environment.
            string? orgId = parsed.GetValue(org) is { } only ? LocalKeyOptions.ValidOrg(only) : null;
            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(parsed.GetValue(home), ct);
            if (orgId is null)
            {
                Console.WriteLine("ORG\tACTIVE\tVERSIONS\tRETIRED");
                foreach (string id in await keys.Store.ListOrgsAsync(ct))
                {
                    IReadOnlyList<WrappedOrgKey> versions = await keys.Store.ListVersionsAsync(id, ct);
                    int active = versions.Single(v => v.Status == OrgKeyStatus.Active).Version;
                    Console.WriteLine($"{id}\tv{active}\t{versions.Count}\t{versions.Count(v => v.Status == OrgKeyStatus.Retired)}");
                }

                return ExitCodes.Success;
            }

            IReadOnlyList<WrappedOrgKey> rows = await keys.Store.ListVersionsAsync(orgId, ct);
            if (rows.Count == 0)
            {
                throw new OrgKeyNotFoundException(orgId, null, $"org {orgId} has no keys");
            }

            Console.WriteLine("VERSION\tSTATUS\tKEK\tCREATED");
            foreach (WrappedOrgKey row in rows)
            {
                Console.WriteLine($"v{row.Version}\t{row.Status.ToString().ToLowerInvariant()}\t{row.KekId}\t{row.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RetireCommand()
    {
        Argument<string> org = LocalKeyOptions.OrgArgument();
        Option<int> below = new("--below")
        {
            Description = "Retire every version below this one; their wrapped keys are erased and blobs sealed under them can no longer be opened.",
            Required = true,
        };
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("retire", "Retire old data key versions (irreversible).") { org, below, home };
        command.SetAction((parsed, ct) => CommandFailures.RunAsync("org retire", async () =>
        {
            string id = LocalKeyOptions.ValidOrg(parsed.GetValue(org));
            int minimum = parsed.GetValue(below);
            if (minimum < 1)
            {
                throw new UsageException("--below must be at least 1");
            }

            using LocalKeyManager keys = await LocalKeyManager.OpenAsync(parsed.GetValue(home), ct);
            if ((await keys.Store.ListVersionsAsync(id, ct)).Count == 0)
            {
                throw new OrgKeyNotFoundException(id, null, $"org {id} has no keys");
            }

            int retired = await keys.KeyManager.RetireBelowAsync(id, minimum, ct);
            Console.WriteLine($"retired {retired} data key version(s) of org {id} below v{minimum}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RewrapCommand()
    {
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command(
            "rewrap",
            "Rotate the local key-encryption key: create a new one, rewrap every version of every org under it (data keys and blobs are unchanged), then replace kek.key. Resumes if interrupted.")
        {
            home,
        };
        command.SetAction((parsed, ct) => CommandFailures.RunAsync("org rewrap", () => RewrapAsync(parsed.GetValue(home), ct)));
        return command;
    }

    private static async Task<int> RewrapAsync(string? home, CancellationToken ct)
    {
        using LocalKeyManager keys = await LocalKeyManager.OpenAsync(home, ct);
        string nextPath = Path.Combine(keys.Home.Path, LocalKeyManager.NextKeyFileName);
        using LocalKeyEncryptionKey next = File.Exists(nextPath)
            ? LocalKeyEncryptionKey.Load(nextPath, LocalKeyManager.Passphrase)
            : LocalKeyEncryptionKey.Create(nextPath, LocalKeyManager.Passphrase);

        int rewrapped = 0;
        IReadOnlyList<string> orgs = await keys.Store.ListOrgsAsync(ct);
        foreach (string org in orgs)
        {
            rewrapped += await keys.KeyManager.RewrapAsync(org, next, ct);
        }

        // Only when every live version is under the new key may the old key go.
        foreach (string org in orgs)
        {
            if ((await keys.Store.ListVersionsAsync(org, ct)).Any(v => v.Status != OrgKeyStatus.Retired && v.KekId != next.KeyId))
            {
                throw new InvalidOperationException($"org {org} still has data keys under the old key-encryption key; run 'turen org rewrap' again");
            }
        }

        LocalKeyManager.PromoteNextKek(keys.Home);
        Console.WriteLine($"rewrapped {rewrapped} data key version(s) in {orgs.Count} org(s) under {next.KeyId}; {keys.Kek.KeyId} was replaced");
        return ExitCodes.Success;
    }
}
