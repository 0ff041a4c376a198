using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Turen.Sdk.Keys;
using Turen.Sdk.Kms;
using Turen.Sdk.Postgres;
using Turen.Sdk.Sqlite;
using Xunit;

namespace Turen.Sdk.Hardening.Tests.Conventions;

/// <summary>
/// Every public <c>Add…</c> extension of <see cref="IServiceCollection"/> lives in namespace
/// <c>Microsoft.Extensions.DependencyInjection</c> (as in dotnet/extensions), so a host needs no Turen using to find it.
/// </summary>
public sealed class DependencyInjectionNamespaceTests
{
    private static readonly Assembly[] Libraries =
    {
        typeof(OrgKeyManager).Assembly,
        typeof(KmsKeyEncryptionKey).Assembly,
        typeof(TurenPostgresDatabase).Assembly,
        typeof(TurenSqliteDatabase).Assembly,
    };

    [Fact]
    public void Every_service_collection_extension_is_in_the_dependency_injection_namespace()
    {
        List<MethodInfo> extensions = Libraries
            .SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute)) && m.GetParameters()[0].ParameterType == typeof(IServiceCollection))
            .ToList();

        // All seven, so that a filter that matches nothing cannot pass.
        Assert.Equal(
            new[] { "AddTuren", "AddTurenApiKeys", "AddTurenAwsKms", "AddTurenHttpClient", "AddTurenLocalKek", "AddTurenPostgres", "AddTurenSqlite" },
            extensions.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(extensions, m => Assert.Equal("Microsoft.Extensions.DependencyInjection", m.DeclaringType!.Namespace));
    }

    [Fact]
    public void No_public_type_is_left_in_a_Turen_dependency_injection_namespace()
    {
        IEnumerable<Type> stray = Libraries.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Namespace?.EndsWith(".DependencyInjection", StringComparison.Ordinal) == true
                && t.Namespace != "Microsoft.Extensions.DependencyInjection");
        Assert.Empty(stray);
    }
}
