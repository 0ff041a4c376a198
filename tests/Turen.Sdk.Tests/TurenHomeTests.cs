using System;
using System.IO;

namespace Turen.Sdk.Tests;

[CollectionDefinition(nameof(TurenHomeTests), DisableParallelization = true)]
public sealed class EnvironmentCollection
{
}

/// <summary>Changes TUREN_HOME, so it runs alone.</summary>
[Collection(nameof(TurenHomeTests))]
public sealed class TurenHomeTests
{
    [Fact]
    public void An_explicit_path_wins_and_names_the_files()
    {
        string folder = Path.Combine(Path.GetTempPath(), "turen-home-" + Guid.NewGuid().ToString("N")[..12]);
        TurenHome home = TurenHome.Resolve(folder);
        try
        {
            Assert.Equal(Path.GetFullPath(folder), home.Path);
            Assert.Equal(Path.Combine(home.Path, "kek.key"), home.KeyFilePath);
            Assert.Equal(Path.Combine(home.Path, "turen.db"), home.DatabasePath);
            Assert.Equal(Path.Combine(home.Path, "apikey-hash.key"), home.ApiKeyHashKeyPath);
            Assert.Equal(home.Path, home.AgentStateDirectory);
            Assert.False(home.IsInitialized);
            Assert.True(home.EnsureCreated());
            Assert.False(home.EnsureCreated());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home.Path));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_path_the_environment_or_the_user_profile_is_used()
    {
        string? saved = Environment.GetEnvironmentVariable(TurenHome.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(TurenHome.EnvironmentVariable, "/tmp/turen-from-env");
            Assert.Equal("/tmp/turen-from-env", TurenHome.Resolve().Path);
            Environment.SetEnvironmentVariable(TurenHome.EnvironmentVariable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".turen"), TurenHome.Resolve(" ").Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TurenHome.EnvironmentVariable, saved);
        }
    }
}
