using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>Diagnostics of one type; source locations (line maps) are computed only when something is reported.</summary>
internal sealed class DiagnosticList
{
    private readonly INamedTypeSymbol _type;
    private List<DiagnosticInfo>? _items;
    private LocationInfo? _typeLocation;
    private bool _typeLocationRead;

    public DiagnosticList(INamedTypeSymbol type) => _type = type;

    public int Count => _items?.Count ?? 0;

    public void AddForType(string id, params string[] arguments)
    {
        if (!_typeLocationRead)
        {
            _typeLocation = LocationInfo.From(FirstLocation(_type));
            _typeLocationRead = true;
        }

        (_items ??= new List<DiagnosticInfo>()).Add(new DiagnosticInfo(id, _typeLocation, arguments.ToImmutableEquatableArray()));
    }

    public void Add(string id, ISymbol at, params string[] arguments) =>
        (_items ??= new List<DiagnosticInfo>()).Add(new DiagnosticInfo(id, LocationInfo.From(FirstLocation(at)), arguments.ToImmutableEquatableArray()));

    public ImmutableEquatableArray<DiagnosticInfo> ToImmutableEquatableArray() =>
        _items is null ? ImmutableEquatableArray<DiagnosticInfo>.Empty : _items.ToImmutableEquatableArray();

    private static Location? FirstLocation(ISymbol symbol) => symbol.Locations.IsEmpty ? null : symbol.Locations[0];
}
