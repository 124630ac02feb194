package org.uklad.questionnaires;

import java.util.List;

/** A page-sized group of items with an optional heading. */
public record Section(String id, LocalizedText title, List<Item> items) {

    public Section {
        items = List.copyOf(items);
    }
}
