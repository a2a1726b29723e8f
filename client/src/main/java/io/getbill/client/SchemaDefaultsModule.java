package io.getbill.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaves out of request bodies every optional property that still holds the default the generator put in
 * the model (the schema's {@code default}), so the body carries only what the caller set.
 *
 * <p>Why: the generated models initialise defaults in their fields ({@code timeline_start_mode = immediate},
 * {@code accept_expensive_destination = false}, {@code is_retry = false}), so every create and every partial
 * update would send them. The server applies the same defaults when they are absent, so leaving them out
 * changes nothing — except where sending them is wrong: the contract accepts {@code timeline_start_mode} only
 * with {@code timeline_id}, and a partial {@code PUT} must contain only the fields being changed. (Optional
 * maps and lists are generated null, {@code containerDefaultToNull}, so an explicit empty {@code metadata}
 * is still sent and clears it.) Required properties are always sent. Applies to the generated
 * {@code io.getbill.client.model} classes only; thread-safe like any Jackson module once registered.
 */
final class SchemaDefaultsModule extends SimpleModule {
    private static final long serialVersionUID = 1L;
    private static final String MODEL_PACKAGE = "io.getbill.client.model";

    SchemaDefaultsModule() {
        super("getbill-schema-defaults");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                             List<BeanPropertyWriter> properties) {
                Class<?> type = description.getBeanClass();
                if (!MODEL_PACKAGE.equals(type.getPackageName())) {
                    return properties;
                }
                Object pristine;
                try {
                    pristine = type.getConstructor().newInstance();
                } catch (ReflectiveOperationException | RuntimeException noDefaultConstructor) {
                    return properties;
                }
                List<BeanPropertyWriter> result = new ArrayList<>(properties.size());
                for (BeanPropertyWriter property : properties) {
                    Object generatedDefault;
                    try {
                        generatedDefault = property.get(pristine);
                    } catch (Exception unreadable) {
                        generatedDefault = null;
                    }
                    result.add(generatedDefault == null || property.isRequired()
                            ? property : new OmittedWhenDefault(property, generatedDefault));
                }
                return result;
            }
        });
    }

    private static final class OmittedWhenDefault extends BeanPropertyWriter {
        private static final long serialVersionUID = 1L;
        private final transient Object generatedDefault;

        OmittedWhenDefault(BeanPropertyWriter property, Object generatedDefault) {
            super(property);
            this.generatedDefault = generatedDefault;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider) throws Exception {
            if (!generatedDefault.equals(get(bean))) {
                super.serializeAsField(bean, generator, provider);
            }
        }
    }
}
