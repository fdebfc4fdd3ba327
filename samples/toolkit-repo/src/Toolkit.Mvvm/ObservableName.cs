namespace Acme.Toolkit.Mvvm;

public sealed class ObservableName
{
    private string value = "";

    public event System.Action<string>? Changed;

    public static string Banner => Generated.Banner.Text;

    public string Value
    {
        get => value;
        set
        {
            this.value = Names.Normalize(value);
            Changed?.Invoke(this.value);
        }
    }
}
