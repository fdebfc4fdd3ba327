namespace Acme.Toolkit.Http;

public static class Routes
{
    public static string For(string title) => "/articles/" + Text.Slug.Of(title);

    public static string AsJson(string title) => Newtonsoft.Json.JsonConvert.SerializeObject(new { route = For(title) });
}
