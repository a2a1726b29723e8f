/**
 * Company users' sign-in for the authorization pages: credential check, throttle, and the user session cookie.
 */
package io.getbill.server.oauth.signin;
