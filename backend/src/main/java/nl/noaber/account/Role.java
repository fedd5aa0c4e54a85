package nl.noaber.account;

/** What an account may do. Makelaars and coordinators always log in with a second factor. */
public enum Role {
    RESIDENT,
    MAKELAAR,
    COORDINATOR;

    public boolean needsSecondFactor() {
        return this != RESIDENT;
    }

    /** The role names as compile-time constants, for {@code @Secured}. */
    public static final class Names {
        public static final String RESIDENT = "RESIDENT";
        public static final String MAKELAAR = "MAKELAAR";
        public static final String COORDINATOR = "COORDINATOR";

        private Names() {}
    }
}
