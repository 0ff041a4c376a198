
namespace Turen.Sdk.Generators.Model;

/// <summary>A diagnostic to report, as values: the id, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, ImmutableEquatableArray<string> Arguments);
