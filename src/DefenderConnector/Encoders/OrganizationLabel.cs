using DefenderConnector.Mapping;

namespace DefenderConnector.Encoders;

/// <summary>
/// The organization label a configured tenant stamps on its events (<see cref="TenantStamp"/>): the value of the
/// <c>metadata.tags</c> entry named <c>organization</c>. CEF and ECS carry it in a field of their own.
/// </summary>
internal static class OrganizationLabel
{
    /// <summary>The CEF extension key: a custom key in the form the CEF specification asks for (vendor, product, name).</summary>
    public const string CefKey = "MicrosoftDefenderXdrOrganization";

    /// <returns>The label, or null for an event of no configured tenant.</returns>
    public static ReadOnlyMemory<char>? Of(OcsfView e)
    {
        foreach (var tag in e.Array("metadata.tags"))
        {
            if (tag.TryGetProperty("name", out var name) && name.ValueSpan.SequenceEqual(TenantStamp.OrganizationTag)
                && tag.TryGetProperty("value", out var value))
            {
                return value.ValueMemory;
            }
        }

        return null;
    }
}
