package io.kvs.ctl;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A kvsctl command: reaches the node and the output through the top command; fails with a {@link CtlException}. */
abstract class CtlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        run();
        return ExitCodes.OK;
    }

    abstract void run();

    Kvsctl root() {
        return (Kvsctl) spec.root().userObject();
    }

    KvsClient client() {
        return root().client();
    }

    Output out() {
        return root().output();
    }
}
