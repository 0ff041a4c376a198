using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Turen.Sdk.Generators.Model;

/// <summary>
/// A source location as plain values. <see cref="Location"/> holds its syntax tree, which would keep the compilation alive
/// and make every model unequal across edits, so models carry this instead and rebuild the location when reporting.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource ? null : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
