/**
 * A host application's quick start: chunking a string and a file with the library, as the
 * "Use it from your project" page shows it. An example, built by examples/host-project-test.
 */
package org.example.host;
