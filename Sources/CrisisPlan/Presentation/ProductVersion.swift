/// The version of crisisplan, one for the command line, the service and its API document.
public enum ProductVersion {
    public static let current = "0.3.0"
}
