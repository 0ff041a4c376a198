using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Turen.Sdk.Analyzers.Operations;

/// <summary>
/// Folds strings the way the rules judge them: a whole constant (literals, consts across files, constant concatenation and
/// interpolation, which the compiler already folds), or the constant prefix of a string whose tail is only known at run time.
/// </summary>
internal static class ConstantStrings
{
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion when conversion.Operand is not null:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized when parenthesized.Operand is not null:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    public static bool TryGet(IOperation? operation, out string value)
    {
        value = string.Empty;
        if (operation is null)
        {
            return false;
        }

        var constant = operation.ConstantValue;
        if (constant.HasValue && constant.Value is string s)
        {
            value = s;
            return true;
        }

        operation = Unwrap(operation);
        constant = operation.ConstantValue;
        if (constant.HasValue && constant.Value is string s2)
        {
            value = s2;
            return true;
        }

        return false;
    }

    /// <summary>
    /// True when the string expression starts with one of <paramref name="prefixes"/> (ASCII, case-insensitive), decided from
    /// its first constant piece without building the string: most strings are rejected here for nothing.
    /// </summary>
    public static bool MayStartWith(IOperation? operation, string[] prefixes)
    {
        for (int depth = 0; operation is not null && depth < 32; depth++)
        {
            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value is string s && StartsWithAny(s, prefixes);
            }

            switch (Unwrap(operation))
            {
                case IInterpolatedStringOperation interpolated:
                    if (interpolated.Parts.Length == 0)
                    {
                        return false;
                    }

                    operation = interpolated.Parts[0] switch
                    {
                        IInterpolatedStringTextOperation text => text.Text,
                        IInterpolationOperation hole => hole.Expression,
                        _ => null,
                    };
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    operation = binary.LeftOperand;
                    break;
                case var unwrapped when unwrapped.ConstantValue.HasValue:
                    operation = unwrapped;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    // A piece shorter than a prefix ("htt" + "p://") is accepted: the full check decides.
    private static bool StartsWithAny(string s, string[] prefixes)
    {
        foreach (string prefix in prefixes)
        {
            int n = System.Math.Min(s.Length, prefix.Length);
            if (string.Compare(s, 0, prefix, 0, n, System.StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The constant start of a string expression; <paramref name="complete"/> says whether it is the whole string.</summary>
    public static bool TryGetPrefix(IOperation? operation, out string prefix, out bool complete)
    {
        var builder = new StringBuilder();
        complete = Append(operation, builder, depth: 0);
        prefix = builder.ToString();
        return prefix.Length > 0;
    }

    // Returns true when the whole operation was constant and appended.
    private static bool Append(IOperation? operation, StringBuilder builder, int depth)
    {
        if (operation is null || depth > 32)
        {
            return false;
        }

        if (TryGet(operation, out string whole))
        {
            builder.Append(whole);
            return true;
        }

        operation = Unwrap(operation);
        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation text && TryGet(text.Text, out string t))
                    {
                        builder.Append(t);
                    }
                    else if (part is IInterpolationOperation hole && hole.Alignment is null && hole.FormatString is null &&
                             TryGet(hole.Expression, out string h))
                    {
                        builder.Append(h);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Append(binary.LeftOperand, builder, depth + 1) && Append(binary.RightOperand, builder, depth + 1);

            default:
                return false;
        }
    }

    /// <summary>The name of the symbol an assignment target, initializer or argument stands for, if any.</summary>
    public static string? TargetName(IOperation? target)
    {
        switch (target is null ? null : Unwrap(target))
        {
            case IFieldReferenceOperation field:
                return field.Field.Name;
            case IPropertyReferenceOperation property:
                return property.Property.Name;
            case ILocalReferenceOperation local:
                return local.Local.Name;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter.Name;
            default:
                return null;
        }
    }

    /// <summary>The symbol an assignment target stands for, if any.</summary>
    public static ISymbol? TargetSymbol(IOperation? target)
    {
        switch (target is null ? null : Unwrap(target))
        {
            case IFieldReferenceOperation field:
                return field.Field;
            case IPropertyReferenceOperation property:
                return property.Property;
            case ILocalReferenceOperation local:
                return local.Local;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            default:
                return null;
        }
    }
}
