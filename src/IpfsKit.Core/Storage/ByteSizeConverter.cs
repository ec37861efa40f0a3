using System.ComponentModel;
using System.Globalization;
using IpfsKit.Errors;

namespace IpfsKit.Storage;

/// <summary>Converts between <see cref="ByteSize"/> and its text (<c>512M</c>) or a number of bytes, for configuration binding.</summary>
public sealed class ByteSizeConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || sourceType == typeof(long) || sourceType == typeof(int) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc/>
    /// <exception cref="IpfsKitFormatException">The text is not a size.</exception>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
    {
        string text => ByteSize.Parse(text),
        long bytes => new ByteSize(bytes),
        int bytes => new ByteSize(bytes),
        _ => base.ConvertFrom(context, culture, value),
    };

    /// <inheritdoc/>
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is ByteSize size ? size.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
