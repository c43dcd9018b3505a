package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.memory.InMemoryUploads;
import com.partnerchannel.licensing.renewal.application.Uploads;

/** The Uploads contract on the in-memory adapter (fast tier). */
class InMemoryUploadsContractTest extends UploadsContract {
    private final InMemoryUploads uploads = new InMemoryUploads();

    @Override
    protected Uploads uploads() {
        return uploads;
    }

    @Override
    protected void upload(String key, String content) {
        uploads.put(key, content);
    }
}
