/** The form of an im-server's id (CIM_SERVER_ID): the name of its node in the registry. */
export const SERVER_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** What a caller is told when an id does not have the form. */
export const SERVER_ID_FORM = 'letters, digits, dot, dash or underscore (1 to 64)';
