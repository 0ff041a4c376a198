using System;
using System.Security.Cryptography;
using System.Text;

namespace Turen.Sdk.Storage;

/// <summary>
/// One numbered schema script (e.g. <c>0001_org_data_keys.sql</c>). Scripts are applied once each, in order, in one
/// transaction per script, and recorded with a SHA-256 checksum so an edited script is detected.
/// </summary>
/// <param name="Version">The script number, from 1, without gaps.</param>
/// <param name="Name">The rest of the file name (e.g. <c>org_data_keys</c>).</param>
/// <param name="Sql">The script text.</param>
public sealed record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>Lower-case hex SHA-256 of the script's UTF-8 bytes with line endings normalised to LF.</summary>
    public string Checksum { get; } =
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal)))).ToLowerInvariant();
}
