package io.kubeplane.apiserver.http;

import java.util.List;

/**
 * The authenticated user of a request, as Kubernetes' {@code user.Info}.
 *
 * @param name   user name
 * @param uid    user uid
 * @param groups groups the user belongs to ({@code system:authenticated} included)
 */
public record UserInfo(String name, String uid, List<String> groups) {

    /** The request attribute under which the authentication filter puts the user. */
    public static final String ATTRIBUTE = UserInfo.class.getName();

    public UserInfo {
        groups = List.copyOf(groups);
    }
}
