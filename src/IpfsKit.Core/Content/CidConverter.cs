using System.ComponentModel;
using System.Globalization;
using IpfsKit.Errors;

namespace IpfsKit.Content;

/// <summary>Converts between <see cref="Cid"/> and its text, so configuration binding and MVC route/query binding take CIDs.</summary>
public sealed class CidConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc/>
    /// <exception cref="IpfsKitFormatException">The text is not a CID.</exception>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Cid.Parse(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc/>
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is Cid cid ? cid.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
